using System.Collections;
using System.Reflection;
using System.Text.Json;

namespace Consultant.TestSupport;

/// <summary>
/// Grain states compared member by member, independently of the serializers under test: System.Text.Json by
/// reflection writes every public property, whatever its setter, so a member a serializer loses shows as a difference.
/// </summary>
public static class GrainStateComparison
{
    private static readonly JsonSerializerOptions Reference = new() { WriteIndented = false };

    /// <summary>The state as text, every public property included (to compare two states).</summary>
    public static string Describe(object state) => JsonSerializer.Serialize(state, state.GetType(), Reference);

    /// <summary>
    /// Stored members of <paramref name="sample"/> (its own and its nested states', with a setter of any kind) still at
    /// the value a new instance starts with: a serializer could drop those without a round trip showing it.
    /// </summary>
    public static IEnumerable<string> MembersAtTheirInitialValue(object sample, string path = "")
    {
        var type = sample.GetType();
        var fresh = type.GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance(type) : null;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.SetMethod is not null))
        {
            var name = path + type.Name + "." + property.Name;
            var value = property.GetValue(sample);
            var initial = fresh is not null ? property.GetValue(fresh) : property.PropertyType.IsValueType ? Activator.CreateInstance(property.PropertyType) : null;
            if (Same(value, initial))
            {
                yield return name;
            }

            var nested = value is IList { Count: > 0 } list ? list[0] : value;
            if (nested is not null && nested.GetType().Namespace?.StartsWith("Consultant.", StringComparison.Ordinal) == true && !nested.GetType().IsEnum)
            {
                foreach (var inner in MembersAtTheirInitialValue(nested, name + " > "))
                {
                    yield return inner;
                }
            }
        }
    }

    private static bool Same(object? value, object? initial) =>
        value is null || initial is null ? value is null && initial is null : Describe(value) == Describe(initial);
}

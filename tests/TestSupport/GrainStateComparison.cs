using System.Collections;
using System.Globalization;
using System.Reflection;

namespace Consultant.TestSupport;

/// <summary>
/// Grain states compared member by member by reflection, independently of the serializers under test and of their
/// attributes: every public property is described, whatever its setter, so a member a serializer loses shows.
/// </summary>
public static class GrainStateComparison
{
    /// <summary>The value as text, every public property of it and of its nested values included.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        string text => '"' + text + '"',
        DateTimeOffset at => at.ToString("O", CultureInfo.InvariantCulture), // the offset too
        IFormattable or bool or Enum => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Describe)) + "]",
        _ => value.GetType().Name + " { " + string.Join(", ", value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Name + " = " + Describe(p.GetValue(value)))) + " }",
    };

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

    private static bool Same(object? value, object? initial) => Describe(value) == Describe(initial);
}

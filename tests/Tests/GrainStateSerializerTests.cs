using System.Reflection;
using System.Text;
using Consultant.Grains.Conversations;
using Consultant.Grains.Storage;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace Consultant.Tests;

/// <summary>
/// Every persisted grain state through <see cref="GrainStateSerializer"/>: written in each format and read whichever
/// is configured, every member kept; the format told by the payload's first bytes. (Through PostgreSQL and the
/// storage provider, versions included: <see cref="GrainStateStorageTests"/>.)
/// </summary>
public sealed class GrainStateSerializerTests
{
    private IHost silo = null!;

    [OneTimeSetUp]
    public void BuildSiloServices()
    {
        // A silo's services as the product configures them, not started: no database is needed to serialize.
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(orleans => orleans.UseLocalhostClustering());
        builder.Services.AddGrainStateSerializer();
        silo = builder.Build();
    }

    [OneTimeTearDown]
    public void DisposeSilo() => silo.Dispose();

    private GrainStateSerializer In(GrainStateFormat format) => new(Options.Create(new GrainStorageOptions { Serializer = format }),
        silo.Services.GetRequiredService<JsonGrainStorageSerializer>(), silo.Services.GetRequiredService<Serializer>());

    /// <summary>The state types grains persist: [PersistentState] parameters and Grain&lt;T&gt; bases in the grains' assembly.</summary>
    private static IEnumerable<Type> PersistedStateTypes() =>
        typeof(ConversationState).Assembly.GetTypes().SelectMany(type =>
                type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                    .SelectMany(constructor => constructor.GetParameters())
                    .Where(parameter => parameter.GetCustomAttributes().Any(a => a.GetType().Name == "PersistentStateAttribute"))
                    .Select(parameter => parameter.ParameterType.GetGenericArguments().Single())
                    .Concat(type.BaseType is { IsGenericType: true } generic && generic.GetGenericTypeDefinition() == typeof(Grain<>)
                        ? [generic.GetGenericArguments()[0]]
                        : []))
            .Distinct();

    [Test]
    public void Every_persisted_state_type_has_a_sample_with_every_stored_member_set()
    {
        var samples = GrainStateSamples.EveryMemberSet();

        Assert.That(PersistedStateTypes().ToList(), Is.EquivalentTo(samples.Select(s => s.GetType())).And.Not.Empty,
            "a persisted state type without a sample in GrainStateSamples.EveryMemberSet would not be checked here");
        Assert.That(samples.SelectMany(sample => GrainStateComparison.MembersAtTheirInitialValue(sample)), Is.Empty,
            "members left at their initial value: a serializer could lose them unnoticed");
    }

    [Test]
    public void Every_persisted_state_written_in_any_format_is_read_back_whole_whichever_format_is_configured(
        [Values] GrainStateFormat written, [Values] GrainStateFormat configured)
    {
        foreach (var sample in GrainStateSamples.EveryMemberSet())
        {
            var payload = SerializeAs(In(written), sample);
            var read = DeserializeAs(In(configured), sample.GetType(), payload);

            Assert.That(GrainStateComparison.Describe(read), Is.EqualTo(GrainStateComparison.Describe(sample)),
                $"{sample.GetType().Name} written in {written}, read with {configured} configured");
        }
    }

    [Test]
    public void Each_format_is_told_apart_by_the_payloads_first_bytes([Values] GrainStateFormat format)
    {
        var payload = In(format).Serialize(GrainStateSamples.TypicalConversation()).ToArray();

        Assert.That(GrainStateSerializer.FormatOf(payload), Is.EqualTo(format));
        if (format == GrainStateFormat.Newtonsoft)
        {
            Assert.That(Encoding.UTF8.GetString(payload), Does.StartWith("{\"$id\":\"1\",\"$type\":"), "the rows written before the switch look like this");
        }
    }

    [Test]
    public void A_payload_in_no_known_format_is_refused_not_read_as_a_new_state()
    {
        Assert.Throws<InvalidDataException>(() => In(GrainStateFormat.Orleans).Deserialize<ConversationState>(new BinaryData("<xml/>"u8.ToArray())));
        Assert.Throws<InvalidDataException>(() => In(GrainStateFormat.Orleans).Deserialize<ConversationState>(new BinaryData(Array.Empty<byte>())));
    }

    [Test]
    public void The_binary_format_is_the_default_and_smaller_than_the_type_named_json()
    {
        var state = GrainStateSamples.TypicalConversation();

        Assert.That(new GrainStorageOptions().Serializer, Is.EqualTo(GrainStateFormat.Orleans));
        Assert.That(In(GrainStateFormat.Orleans).Serialize(state).ToArray(), Has.Length.LessThan(In(GrainStateFormat.Newtonsoft).Serialize(state).ToArray().Length / 2));
    }

    private static byte[] SerializeAs(GrainStateSerializer serializer, object state) =>
        ((BinaryData)typeof(GrainStateSerializer).GetMethod(nameof(GrainStateSerializer.Serialize))!
            .MakeGenericMethod(state.GetType()).Invoke(serializer, [state])!).ToArray();

    private static object DeserializeAs(GrainStateSerializer serializer, Type type, byte[] payload) =>
        typeof(GrainStateSerializer).GetMethod(nameof(GrainStateSerializer.Deserialize))!
            .MakeGenericMethod(type).Invoke(serializer, [new BinaryData(payload)])!;
}

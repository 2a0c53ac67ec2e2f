namespace Consultant.Grains.Storage;

/// <summary>How grain state is written to <c>orleans_storage.payload</c> (<see cref="GrainStateSerializer"/>).</summary>
public enum GrainStateFormat
{
    /// <summary>Orleans' default for ADO.NET storage before issue 20: Newtonsoft JSON with a type name on every object.</summary>
    Newtonsoft,

    /// <summary>System.Text.Json with a source-generated context (<see cref="GrainStateJsonContext"/>), no type names.</summary>
    SystemTextJson,

    /// <summary>Orleans' own binary serializer (the one grain calls use), fields by their <c>[Id]</c>.</summary>
    Orleans,
}

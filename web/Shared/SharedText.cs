namespace Consultant.Web.Shared;

/// <summary>Texts used by every folder: the services' messages (<see cref="ServiceMessages"/>); Italian in <c>SharedText.it.resx</c>.</summary>
public sealed class SharedText;

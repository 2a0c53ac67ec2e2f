namespace Consultant.Grains.Common;

/// <summary>The value of a <see cref="Result{T}"/> that has nothing to give back but that it was done.</summary>
public sealed record Done
{
    public static readonly Done Instance = new();

    private Done()
    {
    }
}

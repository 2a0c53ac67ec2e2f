namespace Consultant.Silo;

/// <summary>Something done once after the silo has started; registering or seeding again must change nothing.</summary>
/// <param name="Description">What it does, for the log when it fails (never a secret).</param>
internal sealed record StartUpStep(string Description, Func<IServiceProvider, Task> RunAsync);

namespace Consultant.Grains.Abstractions;

/// <summary>
/// One media file of a message: downloads it from Twilio and has it analysed, once for the whole cluster.
/// Keyed "{consultantId:N}/{mediaId:N}" (see <see cref="MediaFileKey"/>).
/// </summary>
[Alias("Consultant.IMediaFileGrain")]
public interface IMediaFileGrain : IGrainWithStringKey
{
    /// <summary>Starts the work without waiting for it (the webhook path must not wait for a download).</summary>
    [Alias("Start"), Orleans.Concurrency.OneWay]
    Task StartAsync();

    /// <summary>Returns when the file is downloaded and analysed, or has failed for a reason stored with it.</summary>
    [Alias("Process")]
    Task ProcessAsync();
}

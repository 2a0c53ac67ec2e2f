namespace Consultant.Grains.Outbound;

/// <summary>
/// Where an automated message sits in the answer to a batch (a guided flow's question, say): the batch's id and the
/// message's place in it. Recorded once under it, so a batch resumed after a crash finds the message it already
/// recorded (and whether it went) instead of writing a second one.
/// </summary>
public sealed record BatchPartKey(Guid BatchId, int Index);

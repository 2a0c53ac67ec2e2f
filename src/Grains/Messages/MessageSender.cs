namespace Consultant.Grains.Messages;

public static class MessageSender
{
    public const string Client = "client";
    public const string Lead = "lead";
    public const string Consultant = "consultant";
    public const string Ai = "ai";
}

namespace Consultant.Grains.Hooks;

public enum ReplyAuthor
{
    Assistant,
    Consultant,
}

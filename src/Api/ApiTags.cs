namespace Consultant.Api;

/// <summary>The areas of the OpenAPI document: one a folder of this project.</summary>
public static class ApiTags
{
    public const string Accounts = "Accounts";
    public const string Admin = "Admin";
    public const string Analytics = "Analytics";
    public const string Calendar = "Calendar";
    public const string Booking = "Booking";
    public const string Clients = "Clients";
    public const string FollowUps = "FollowUps";
    public const string Inbound = "Inbound";
    public const string Inbox = "Inbox";
    public const string Settings = "Settings";
    public const string Simulator = "Simulator";
}

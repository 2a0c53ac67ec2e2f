namespace Consultant.Grains.Replying;

public enum MessageIntent
{
    Other,
    Greeting,
    Booking,
    Workout,
    Nutrition,
    Finance,
}

namespace Consultant.Grains.Flows;

/// <summary>What a step of a guided flow asks for.</summary>
public enum FlowAnswerType
{
    /// <summary>One of the step's options, tapped (a button or a list item) or typed (its number or text).</summary>
    Choice,

    /// <summary>Anything the contact writes.</summary>
    FreeText,

    /// <summary>An e-mail address, checked; asked again at most <see cref="FlowStep.MaxRetries"/> times.</summary>
    Email,

    /// <summary>A phone number, checked like the e-mail.</summary>
    Phone,

    /// <summary>A date (day/month[/year] or ISO), checked like the e-mail.</summary>
    Date,

    /// <summary>The consultant's free slots as a list to pick from; a pick books the consultation.</summary>
    Booking,
}

using Notices.Model;
using Xunit;

namespace Notices.Tests.Model;

/// <summary>The postal transitions of <see cref="LetterStateMachine"/>, and the re-route from returned to email.</summary>
public sealed class LetterStateMachinePostTests
{
    public static TheoryData<LetterState, string, LetterState> Steps => new()
    {
        { LetterState.Sealed, "completed", LetterState.Printed },
        { LetterState.Printed, "posted", LetterState.Posted },
        { LetterState.Sealed, "posted", LetterState.Posted },
        { LetterState.Posted, "returned", LetterState.Returned },
        { LetterState.Printed, "returned", LetterState.Returned },
        // A letter that was never printed cannot come back.
        { LetterState.Sealed, "returned", LetterState.Sealed },
        { LetterState.Rendered, "returned", LetterState.Rendered },
        // Posting the batch later leaves a letter that already came back returned.
        { LetterState.Returned, "posted", LetterState.Returned },
        // The re-route: a returned letter goes by email, and then follows the email's life.
        { LetterState.Returned, "sending", LetterState.Sending },
        { LetterState.Returned, "written", LetterState.Accepted },
        // A late delivery report for an older email does not undo the return.
        { LetterState.Returned, "delivered", LetterState.Returned },
        { LetterState.Accepted, "delivered", LetterState.Delivered },
        { LetterState.Acknowledged, "returned", LetterState.Acknowledged },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public void Step(LetterState from, string what, LetterState expected)
    {
        LedgerEvent ledgerEvent = what switch
        {
            "completed" => new PrintCompleted("b", "q", "1"),
            "posted" => new BatchPosted("b", "2026-11-23"),
            "returned" => new Returned("flyttet", "2026-11-25"),
            "sending" => new EmailSending("<m@example.test>", EmailTransport.Pickup, "ab"),
            "written" => new EmailWritten("<m@example.test>", "m.eml", "ab"),
            _ => new EmailDelivered("2.0.0", "delivered", "r", "r.eml"),
        };

        var step = LetterStateMachine.Next(from, ledgerEvent);

        Assert.Equal(expected, step.State);
        Assert.Null(step.Anomaly);
    }

    [Fact]
    public void A_returned_letter_is_failed_for_counting_until_it_goes_another_way()
    {
        Assert.Equal(LetterDeliveryState.Failed, LetterStateMachine.Outcome(LetterState.Returned));
        Assert.Equal(LetterDeliveryState.Printed, LetterStateMachine.Outcome(LetterState.Posted));
    }
}

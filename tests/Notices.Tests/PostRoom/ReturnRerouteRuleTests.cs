using Notices.Campaigns;
using Notices.Model;
using Notices.PostRoom;
using Notices.Tests.Reports;
using Xunit;

namespace Notices.Tests.PostRoom;

/// <summary>Which returned letters send re-routes to email (<see cref="ReturnReroute.EmailFor"/>).</summary>
public sealed class ReturnRerouteRuleTests
{
    [Fact]
    public void A_returned_original_with_a_usable_address_is_a_candidate()
    {
        var letter = Returned(bouncedFirst: false);

        Assert.Equal("ny@example.test", ReturnReroute.EmailFor(letter, Snapshot(null), " ny@example.test "));
        Assert.Null(ReturnReroute.EmailFor(letter, Snapshot(null), null));
        Assert.Null(ReturnReroute.EmailFor(letter, Snapshot(null), "  "));
    }

    [Fact]
    public void An_address_that_already_bounced_for_this_letter_is_not_tried_again_but_a_new_one_is()
    {
        var letter = Returned(bouncedFirst: true);

        Assert.Null(ReturnReroute.EmailFor(letter, Snapshot("gammel@example.test"), "GAMMEL@example.test"));
        Assert.Equal("ny@example.test", ReturnReroute.EmailFor(letter, Snapshot("gammel@example.test"), "ny@example.test"));
    }

    [Fact]
    public void Not_returned_acknowledged_or_a_reminder_is_no_candidate()
    {
        var posted = new HandLedger("E");
        posted.Add("E-1", "P1", 0, HandLedger.Rendered()).Add("E-1", "P1", 0, HandLedger.Batched("B1", 1)).Add(null, null, 0, HandLedger.Sealed("B1"))
            .Add(null, null, 1, new BatchPosted("B1"));
        var acked = new HandLedger("E");
        acked.Add("E-1", "P1", 0, HandLedger.Rendered()).Add("E-1", "P1", 0, HandLedger.Batched("B1", 1)).Add(null, null, 0, HandLedger.Sealed("B1"))
            .Add(null, null, 1, new BatchPosted("B1")).Add("E-1", "P1", 2, new Returned("flyttet"))
            .Add("E-1", "P1", 3, new Acknowledged(new DateOnly(2026, 11, 5), AckMethod.Phone, AckSource.Manual));

        Assert.Null(ReturnReroute.EmailFor(Assert.Single(posted.Project().Letters), Snapshot(null), "ny@example.test"));
        Assert.Null(ReturnReroute.EmailFor(Assert.Single(acked.Project().Letters), Snapshot(null), "ny@example.test"));
        Assert.Null(ReturnReroute.EmailFor(Returned(false) with { ReminderOf = "E-0" }, Snapshot(null), "ny@example.test"));
    }

    [Fact]
    public void The_patients_current_address_wins_over_the_letters_own()
    {
        Assert.Equal("ny@example.test", ReturnReroute.UsableEmail(Snapshot("gammel@example.test"), "ny@example.test"));
        Assert.Equal("gammel@example.test", ReturnReroute.UsableEmail(Snapshot("gammel@example.test"), null));
        Assert.Null(ReturnReroute.UsableEmail(Snapshot(null), null));
    }

    private static Notices.Ledger.LetterStatus Returned(bool bouncedFirst)
    {
        var l = new HandLedger("E");
        l.Add("E-1", "P1", 0, HandLedger.Rendered());
        if (bouncedFirst)
        {
            l.Add("E-1", "P1", 0, HandLedger.Sending("e1")).Add("E-1", "P1", 0, HandLedger.Accepted("e1")).Add("E-1", "P1", 1, HandLedger.Bounced("e1"));
        }

        l.Add("E-1", "P1", 1, HandLedger.Batched("B1", 1)).Add(null, null, 1, HandLedger.Sealed("B1"))
            .Add(null, null, 1, new PrintCompleted("B1", "q", "1")).Add("E-1", "P1", 4, new Returned("ubekendt"));
        var letter = Assert.Single(l.Project().Letters);
        Assert.Equal(LetterState.Returned, letter.Stage);
        return letter;
    }

    private static PlannedLetter Snapshot(string? email) => new()
    {
        LetterId = "E-1",
        CampaignId = "E",
        Recipient = new RecipientSnapshot { PatientId = "P1", FirstName = "A", LastName = "B", Email = email },
        Devices = [],
        Channel = email is null ? DeliveryChannelKind.Post : DeliveryChannelKind.Email,
    };
}

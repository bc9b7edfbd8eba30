using Notices.Cli.Commands;
using Xunit;

namespace Notices.Tests.Acknowledgements;

/// <summary>'ack import' stays the email-reply subcommand while 'ack CAMPAIGN LETTER_ID...' is the parent command.</summary>
public sealed class AckCommandParseTests
{
    [Fact]
    public void Ack_import_parses_to_the_subcommand()
    {
        var parse = AckCommand.Create().Parse(["import", "--maildir", "X"]);
        Assert.Equal("import", parse.CommandResult.Command.Name);
    }

    [Fact]
    public void Ack_with_a_campaign_and_letter_ids_parses_to_the_parent()
    {
        var parse = AckCommand.Create().Parse(["fa830-minimed-dk", "FA830-DK-000001", "FA830-DK-000002", "--method", "phone"]);

        Assert.Empty(parse.Errors);
        Assert.Equal("ack", parse.CommandResult.Command.Name);
        Assert.Equal("fa830-minimed-dk", parse.GetValue<string>("CAMPAIGN_ID"));
        Assert.Equal(["FA830-DK-000001", "FA830-DK-000002"], parse.GetValue<string[]>("LETTER_ID")!);
    }
}

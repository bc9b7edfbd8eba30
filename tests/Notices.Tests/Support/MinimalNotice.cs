namespace Notices.Tests.Support;

/// <summary>The smallest notice.yaml that loads; tests append the keys they are about (line 14 is the first after it).</summary>
public static class MinimalNotice
{
    public const string Yaml = """
        id: test-notice
        reference: FA1
        subject: Emne
        sender:
          organisation: Firma A/S
          address: [Vej 1, 8000 Aarhus C]
          signatory:
            name: Anne Æbelø
        email:
          subject: Emne
        affected:
          - manufacturer: Medtronic
            models: [MiniMed 508]

        """;
}

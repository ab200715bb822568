using PdfSharp;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>What PDFsharp 6.5 needs before it draws anything: a chosen licence and fonts.</summary>
public static class PdfSetup
{
    private static readonly Lock Gate = new();
    private static bool _licensed;

    public static void Ensure()
    {
        lock (Gate)
        {
            // From 6.5.0 PDFsharp is dual-licensed and refuses to work until the program picks one.
            // We pick AGPL-3.0, the licence the package is published under (nuspec: AGPL-3.0-only).
            // That is a decision for the project owner: with a commercial licence, replace this call
            // with PdfSharpLicense.LoadLicense(key).
            if (!_licensed) PdfSharpLicense.SetAgplLicense();
            _licensed = true;
        }
        DejaVuFontResolver.Install();
    }
}

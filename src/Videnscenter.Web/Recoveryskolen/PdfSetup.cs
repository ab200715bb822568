namespace Videnscenter.Web.Recoveryskolen;

/// <summary>What PDFsharp needs before it draws anything: fonts (PDFsharp 6.2.4 is MIT-licensed and asks for no licence choice).</summary>
public static class PdfSetup
{
    public static void Ensure() => DejaVuFontResolver.Install();
}

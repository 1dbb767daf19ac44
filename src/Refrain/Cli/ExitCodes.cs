namespace Refrain.Cli;

/// <summary>0 success, 1 the work ran but ended with errors, 2 bad input or usage.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Errors = 1;
    public const int BadInput = 2;
}

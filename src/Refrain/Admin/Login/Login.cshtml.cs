using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Refrain.Storage;

namespace Refrain.Admin.Login;

/// <summary>Trades an admin API key for a cookie session. A refused key gets one message whatever was wrong with it.</summary>
internal sealed class LoginModel(RefrainStore store) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Key { get; set; }

    public bool Failed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var key = await AdminSession.CheckAsync(store, Key, ct);
        if (key is null)
        {
            Failed = true;
            Key = null;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(AdminSession.Scheme, AdminSession.Principal(key),
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
        return LocalRedirect(ReturnUrl is { } url && Url.IsLocalUrl(url) && url.StartsWith("/admin", StringComparison.Ordinal) ? url : "/admin");
    }
}

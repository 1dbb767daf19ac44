using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Refrain.Admin.Overview;

/// <summary>The landing page: queue depth, jobs per state, providers, failing and stale schedules.</summary>
internal sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}

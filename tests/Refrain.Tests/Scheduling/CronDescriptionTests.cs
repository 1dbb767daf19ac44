using Refrain.Scheduling;

namespace Refrain.Tests.Scheduling;

/// <summary>
/// Hand-checked wordings: each expected sentence was written from crontab(5) and the Cronos README's reading of the
/// expression (macros, steps, Vixie's day-of-month OR day-of-week rule), not from running the code.
/// </summary>
public sealed class CronDescriptionTests
{
    [Theory]
    [InlineData("0 * * * *", "every hour at minute 0")]
    [InlineData("30 3 * * *", "at 03:30 every day")]
    [InlineData("*/15 * * * *", "every 15 minutes")]
    [InlineData("* * * * *", "every minute")]
    [InlineData("0 9 * * mon-fri", "at 09:00 on Monday through Friday")]
    [InlineData("0 9 * * 1-5", "at 09:00 on Monday through Friday")]
    [InlineData("0 0 1 * *", "at 00:00 on day 1 of the month")]
    [InlineData("0,30 * * * *", "every hour at minutes 0 and 30")]
    [InlineData("0 9,17 * * *", "at 09:00 and 17:00 every day")]
    [InlineData("0 */6 * * *", "every 6 hours at minute 0")]
    [InlineData("5 9-17 * * *", "every hour from 09:05 through 17:05")]
    [InlineData("*/15 9-17 * * *", "every 15 minutes from 09:00 through 17:45")]
    [InlineData("0 12 * * 0", "at 12:00 on Sunday")]
    [InlineData("0 12 * * 7", "at 12:00 on Sunday")]
    [InlineData("0 12 * * sat,SUN", "at 12:00 on Saturday and Sunday")]
    [InlineData("0 0 1,15 * *", "at 00:00 on days 1 and 15 of the month")]
    [InlineData("0 0 * 1 *", "at 00:00 every day in January")]
    [InlineData("0 0 1 jan-mar *", "at 00:00 on day 1 of January through March")]
    [InlineData("30 4 1,15 * 5", "at 04:30 on days 1 and 15 of the month or on Friday")]
    [InlineData("*/10 * * * * *", "every 10 seconds")]
    [InlineData("0 30 2 * * *", "at 02:30 every day")]
    public void Describe_CommonShapes_ReadAsASentence(string cron, string expected) =>
        Assert.Equal(expected, CronDescription.Describe(cron));

    [Theory]
    [InlineData("@hourly", "every hour at minute 0")]
    [InlineData("@daily", "at 00:00 every day")]
    [InlineData("@midnight", "at 00:00 every day")]
    [InlineData("@weekly", "at 00:00 on Sunday")]
    [InlineData("@monthly", "at 00:00 on day 1 of the month")]
    [InlineData("@yearly", "at 00:00 on day 1 of January")]
    [InlineData("@ANNUALLY", "at 00:00 on day 1 of January")]
    public void Describe_Macros_ReadAsTheirExpansion(string cron, string expected) =>
        Assert.Equal(expected, CronDescription.Describe(cron));

    [Theory]
    // 60 is not a multiple of 7: the gap across the hour is 4 minutes, so "every 7 minutes" would be wrong.
    [InlineData("*/7 * * * *", "minute every 7th from 0 through 59; hour any")]
    [InlineData("5/15 * * * *", "minute every 15th from 5 through 59; hour any")]
    [InlineData("1-30/5 2 * * *", "minute every 5th from 1 through 30; hour 2")]
    // Vixie: a stepped star counts as unrestricted, so the day fields combine with AND (cronie's crontab(5) example).
    [InlineData("0 0 */2 * sun", "minute 0; hour 0; day of month every 2nd from 1 through 31 and day of week Sunday")]
    [InlineData("0 0 * * tue/2", "minute 0; hour 0; day of week every 2nd from Tuesday through Saturday")]
    [InlineData("30 * * * * *", "second 30; minute any; hour any")]
    [InlineData("0 0 * */3 *", "minute 0; hour 0; month every 3rd from January through December")]
    public void Describe_ComplexShapes_SayExactlyWhatEachFieldAllows(string cron, string expected) =>
        Assert.Equal(expected, CronDescription.Describe(cron));

    [Fact]
    public void Describe_InvalidExpression_Throws() =>
        Assert.Throws<CronFormatException>(() => CronDescription.Describe("61 * * * *"));
}

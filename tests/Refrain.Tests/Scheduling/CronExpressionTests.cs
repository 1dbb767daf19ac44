using System.Globalization;
using Refrain.Scheduling;

namespace Refrain.Tests.Scheduling;

/// <summary>
/// Expected values come from documentation and hand-checked calendar facts, never from running the code.
/// </summary>
/// <remarks>
/// Sources:
/// <list type="bullet">
/// <item>crontab(5), Vixie cron / cronie man page, "EXAMPLE CRON FILE" and the day-of-month/day-of-week note
/// ("30 4 1,15 * 5 would cause a command to be run at 4:30 am on the 1st and 15th of each month, plus every
/// Friday").</item>
/// <item>Cronos README (github.com/HangfireIO/Cronos): format table, steps, macros and its
/// "Daylight Saving Time" section.</item>
/// </list>
/// Calendar facts used (checked by hand): 2026-01-01 is a Thursday, so the 1st of each 2026 month falls on
/// Jan Thu, Feb Sun, Mar Sun, Apr Wed, May Fri, Jun Mon, Jul Wed, Aug Sat, Sep Tue, Oct Thu, Nov Sun, Dec Tue;
/// 2026-11-22 and 2026-11-29 are Sundays, 2026-11-27 a Friday, 2026-11-30 a Monday; 2027-01-01 is a Friday,
/// 2027-04-01 a Thursday, 2027-07-01 a Thursday, 2027-08-01 a Sunday; 2028 and 2032 are leap years.
/// DST: America/New_York springs forward 2026-03-08 02:00 EST → 03:00 EDT and falls back 2026-11-01 02:00 EDT →
/// 01:00 EST; the EU changes at 01:00 UTC on 2026-03-29 (London 01:00 GMT → 02:00 BST, Berlin 02:00 CET →
/// 03:00 CEST) and 2026-10-25 (London 02:00 BST → 01:00 GMT, Berlin 03:00 CEST → 02:00 CET).
/// </remarks>
public sealed class CronExpressionTests
{
    private const string Utc = "UTC";
    private const string NewYork = "America/New_York";
    private const string London = "Europe/London";
    private const string Berlin = "Europe/Berlin";

    // ---------------------------------------------------------------------------------------------------
    // crontab(5) examples
    // ---------------------------------------------------------------------------------------------------

    [Theory]
    // "run five minutes after midnight, every day"
    [InlineData("5 0 * * *", "2026-12-01T00:00:00+00:00",
        "2026-12-01T00:05:00+00:00", "2026-12-02T00:05:00+00:00", "2026-12-03T00:05:00+00:00")]
    // "run at 2:15pm on the first of every month"
    [InlineData("15 14 1 * *", "2026-11-22T12:00:00+00:00",
        "2026-12-01T14:15:00+00:00", "2027-01-01T14:15:00+00:00", "2027-02-01T14:15:00+00:00")]
    // "run at 10 pm on weekdays" — Fri 27 Nov, then Mon 30 Nov (weekend skipped), Tue 1 Dec
    [InlineData("0 22 * * 1-5", "2026-11-27T21:00:00+00:00",
        "2026-11-27T22:00:00+00:00", "2026-11-30T22:00:00+00:00", "2026-12-01T22:00:00+00:00")]
    // "run 23 minutes after midn, 2am, 4am ..., everyday"
    [InlineData("23 0-23/2 * * *", "2026-12-01T00:00:00+00:00",
        "2026-12-01T00:23:00+00:00", "2026-12-01T02:23:00+00:00", "2026-12-01T04:23:00+00:00", "2026-12-01T06:23:00+00:00")]
    [InlineData("23 0-23/2 * * *", "2026-12-01T22:30:00+00:00", "2026-12-02T00:23:00+00:00")]
    // "run at 5 after 4 every sunday" — from Friday 2026-11-20
    [InlineData("5 4 * * sun", "2026-11-20T00:00:00+00:00",
        "2026-11-22T04:05:00+00:00", "2026-11-29T04:05:00+00:00", "2026-12-06T04:05:00+00:00")]
    public void Next_CrontabManPageExamples_FireAtDocumentedTimes(string expression, string from, params string[] expected)
        => AssertOccurrences(expression, from, Utc, expected);

    // ---------------------------------------------------------------------------------------------------
    // Day-of-month / day-of-week combination
    // ---------------------------------------------------------------------------------------------------

    [Theory]
    // crontab(5): "30 4 1,15 * 5" runs "at 4:30 am on the 1st and 15th of each month, plus every Friday".
    // From Wed 2026-11-25: Fri 27, Tue 1 Dec (the 1st), Fri 4, Fri 11, Tue 15 (the 15th), Fri 18.
    [InlineData("30 4 1,15 * 5", "2026-11-25T00:00:00+00:00",
        "2026-11-27T04:30:00+00:00", "2026-12-01T04:30:00+00:00", "2026-12-04T04:30:00+00:00",
        "2026-12-11T04:30:00+00:00", "2026-12-15T04:30:00+00:00", "2026-12-18T04:30:00+00:00")]
    // Same rule at 4:00. 2027-01-01 is both the 1st and a Friday and 2027-01-15 both the 15th and a Friday:
    // each fires once.
    [InlineData("0 4 1,15 * 5", "2026-12-15T05:00:00+00:00",
        "2026-12-18T04:00:00+00:00", "2026-12-25T04:00:00+00:00", "2027-01-01T04:00:00+00:00",
        "2027-01-08T04:00:00+00:00", "2027-01-15T04:00:00+00:00", "2027-01-22T04:00:00+00:00")]
    // cronie crontab(5): "0 */4 1 * mon" — "run every 4th hour on the 1st and on every Monday".
    // Mon 2026-11-30, then Tue 2026-12-01 (the 1st).
    [InlineData("0 */4 1 * mon", "2026-11-30T00:00:00+00:00",
        "2026-11-30T04:00:00+00:00", "2026-11-30T08:00:00+00:00", "2026-11-30T12:00:00+00:00",
        "2026-11-30T16:00:00+00:00", "2026-11-30T20:00:00+00:00", "2026-12-01T00:00:00+00:00",
        "2026-12-01T04:00:00+00:00")]
    // Cronos README: "0 0 13 * 5" is "every friday or every the 13th of a month" in Unix crontab (Cronos uses
    // AND, we follow Vixie). From Sun 2026-11-22: Fri 27, Fri 4, Fri 11, Sun 13 Dec, Fri 18.
    [InlineData("0 0 13 * 5", "2026-11-22T00:00:00+00:00",
        "2026-11-27T00:00:00+00:00", "2026-12-04T00:00:00+00:00", "2026-12-11T00:00:00+00:00",
        "2026-12-13T00:00:00+00:00", "2026-12-18T00:00:00+00:00")]
    // April has no 31st, but with both fields restricted the Mondays still fire: April 2027 starts on a
    // Thursday, so its Mondays are the 5th and 12th.
    [InlineData("0 0 31 4 mon", "2026-11-22T00:00:00+00:00",
        "2027-04-05T00:00:00+00:00", "2027-04-12T00:00:00+00:00")]
    public void Next_DayOfMonthAndDayOfWeekBothRestricted_FiresWhenEitherMatches(
        string expression, string from, params string[] expected)
        => AssertOccurrences(expression, from, Utc, expected);

    [Theory]
    // cronie crontab(5): "0 0 */2 * sun" — "run at midn on every Sunday that's an uneven date".
    // A field that begins with '*' counts as unrestricted (Vixie's DOM_STAR), so the masks combine with AND.
    // Sundays: Nov 1 (excluded, not after from), 8, 15, 22, 29; Dec 6, 13, 20, 27; Jan 3 2027.
    // Odd dates among them: Nov 15, Nov 29, Dec 13, Dec 27, Jan 3.
    [InlineData("0 0 */2 * sun", "2026-11-01T00:00:00+00:00",
        "2026-11-15T00:00:00+00:00", "2026-11-29T00:00:00+00:00", "2026-12-13T00:00:00+00:00",
        "2026-12-27T00:00:00+00:00", "2027-01-03T00:00:00+00:00")]
    // Day-of-week "*/7" is Sunday only and begins with '*': the 1st of a month that is a Sunday.
    // 2026-11-01 is a Sunday; the next such 1st is 2027-08-01.
    [InlineData("0 0 1 * */7", "2026-10-01T00:00:00+00:00",
        "2026-11-01T00:00:00+00:00", "2027-08-01T00:00:00+00:00")]
    // Plain '*' day-of-month: the weekday alone decides (crontab(5): "'* * * * Sun' will run only on Sundays").
    [InlineData("0 6 * * sun", "2026-11-20T00:00:00+00:00",
        "2026-11-22T06:00:00+00:00", "2026-11-29T06:00:00+00:00")]
    // Plain '*' day-of-week: the day of month alone decides.
    [InlineData("0 6 15 * *", "2026-11-20T00:00:00+00:00",
        "2026-12-15T06:00:00+00:00", "2027-01-15T06:00:00+00:00")]
    // '?' is a synonym of '*' in the day fields (Cronos README: "0 0 5 * ? is the same as 0 0 5 * *").
    [InlineData("0 0 5 * ?", "2026-11-22T00:00:00+00:00",
        "2026-12-05T00:00:00+00:00", "2027-01-05T00:00:00+00:00")]
    [InlineData("0 0 ? * mon", "2026-11-22T00:00:00+00:00",
        "2026-11-23T00:00:00+00:00", "2026-11-30T00:00:00+00:00")]
    public void Next_DayFieldStartingWithStar_CombinesDayFieldsWithAnd(
        string expression, string from, params string[] expected)
        => AssertOccurrences(expression, from, Utc, expected);

    // ---------------------------------------------------------------------------------------------------
    // Steps, lists, names, Sunday as 0 and 7
    // ---------------------------------------------------------------------------------------------------

    [Theory]
    // Cronos README: "*/5 * * * *" every 5 minutes; "*/30 * * * *".
    [InlineData("*/5 * * * *", "2026-12-01T10:03:00+00:00",
        "2026-12-01T10:05:00+00:00", "2026-12-01T10:10:00+00:00", "2026-12-01T10:15:00+00:00")]
    [InlineData("*/30 * * * *", "2026-12-01T10:00:00+00:00",
        "2026-12-01T10:30:00+00:00", "2026-12-01T11:00:00+00:00", "2026-12-01T11:30:00+00:00")]
    // Cronos README: "*/24 in minute field ... means every 0,24,48 minute".
    [InlineData("*/24 * * * *", "2026-12-01T10:00:00+00:00",
        "2026-12-01T10:24:00+00:00", "2026-12-01T10:48:00+00:00", "2026-12-01T11:00:00+00:00",
        "2026-12-01T11:24:00+00:00")]
    // Cronos README: "3,5-11/3,12 is equivalent to 3,5,8,11,12".
    [InlineData("3,5-11/3,12 * * * *", "2026-12-01T10:00:00+00:00",
        "2026-12-01T10:03:00+00:00", "2026-12-01T10:05:00+00:00", "2026-12-01T10:08:00+00:00",
        "2026-12-01T10:11:00+00:00", "2026-12-01T10:12:00+00:00", "2026-12-01T11:03:00+00:00")]
    // Cronos README: "1-15/3 in day-of-month field – every 3 days from the 1st to the 15th": 1,4,7,10,13.
    [InlineData("0 0 1-15/3 * *", "2026-12-01T00:00:00+00:00",
        "2026-12-04T00:00:00+00:00", "2026-12-07T00:00:00+00:00", "2026-12-10T00:00:00+00:00",
        "2026-12-13T00:00:00+00:00", "2027-01-01T00:00:00+00:00")]
    // "5/15" runs from 5 to the end of the field: 5, 20, 35, 50.
    [InlineData("5/15 * * * *", "2026-12-01T10:00:00+00:00",
        "2026-12-01T10:05:00+00:00", "2026-12-01T10:20:00+00:00", "2026-12-01T10:35:00+00:00",
        "2026-12-01T10:50:00+00:00", "2026-12-01T11:05:00+00:00")]
    // A step larger than its range fires at the range start only.
    [InlineData("10-20/30 * * * *", "2026-12-01T10:00:00+00:00",
        "2026-12-01T10:10:00+00:00", "2026-12-01T11:10:00+00:00")]
    [InlineData("*/90 * * * *", "2026-12-01T10:00:00+00:00",
        "2026-12-01T11:00:00+00:00", "2026-12-01T12:00:00+00:00")]
    // "tue/2": Tue, Thu, Sat. From Mon 2026-11-30: Tue 1, Thu 3, Sat 5, Tue 8 Dec.
    [InlineData("0 0 * * tue/2", "2026-11-30T00:00:00+00:00",
        "2026-12-01T00:00:00+00:00", "2026-12-03T00:00:00+00:00", "2026-12-05T00:00:00+00:00",
        "2026-12-08T00:00:00+00:00")]
    // Month steps: "*/3" is Jan, Apr, Jul, Oct; "jan-dec/4" is Jan, May, Sep.
    [InlineData("0 0 1 */3 *", "2026-11-22T00:00:00+00:00",
        "2027-01-01T00:00:00+00:00", "2027-04-01T00:00:00+00:00", "2027-07-01T00:00:00+00:00")]
    [InlineData("0 0 1 jan-dec/4 *", "2026-11-22T00:00:00+00:00",
        "2027-01-01T00:00:00+00:00", "2027-05-01T00:00:00+00:00", "2027-09-01T00:00:00+00:00")]
    public void Next_StepsAndLists_SelectDocumentedValues(string expression, string from, params string[] expected)
        => AssertOccurrences(expression, from, Utc, expected);

    [Theory]
    // Names are three letters in any case (crontab(5): "case doesn't matter"), also in ranges.
    // Fridays of January 2027 (1, 8, 15, 22, 29), then July 2027 (the 1st is a Thursday, so Friday the 2nd).
    [InlineData("0 12 * JaN,jUl fRi", "2026-11-22T00:00:00+00:00",
        "2027-01-01T12:00:00+00:00", "2027-01-08T12:00:00+00:00", "2027-01-15T12:00:00+00:00",
        "2027-01-22T12:00:00+00:00", "2027-01-29T12:00:00+00:00", "2027-07-02T12:00:00+00:00")]
    // Cronos README: "0 0 * * MON-FRI" at 00:00, Monday through Friday. From Fri 2026-11-27.
    [InlineData("0 0 * * Mon-fRI", "2026-11-27T00:00:00+00:00",
        "2026-11-30T00:00:00+00:00", "2026-12-01T00:00:00+00:00")]
    [InlineData("0 0 1 nov-DEC *", "2026-10-15T00:00:00+00:00",
        "2026-11-01T00:00:00+00:00", "2026-12-01T00:00:00+00:00", "2027-11-01T00:00:00+00:00")]
    // crontab(5): day of week "0-7 (0 or 7 is Sun, or use names)". Sundays 22 and 29 Nov.
    [InlineData("0 6 * * 0", "2026-11-20T00:00:00+00:00", "2026-11-22T06:00:00+00:00", "2026-11-29T06:00:00+00:00")]
    [InlineData("0 6 * * 7", "2026-11-20T00:00:00+00:00", "2026-11-22T06:00:00+00:00", "2026-11-29T06:00:00+00:00")]
    [InlineData("0 6 * * SUN", "2026-11-20T00:00:00+00:00", "2026-11-22T06:00:00+00:00", "2026-11-29T06:00:00+00:00")]
    // 5-7 is Fri, Sat, Sun. From Thu 2026-11-26.
    [InlineData("0 6 * * 5-7", "2026-11-26T00:00:00+00:00",
        "2026-11-27T06:00:00+00:00", "2026-11-28T06:00:00+00:00", "2026-11-29T06:00:00+00:00",
        "2026-12-04T06:00:00+00:00")]
    public void Next_NamesAnyCaseAndSundayAsZeroOrSeven_MatchTheSameDays(
        string expression, string from, params string[] expected)
        => AssertOccurrences(expression, from, Utc, expected);

    // ---------------------------------------------------------------------------------------------------
    // Macros (crontab(5) / Cronos README macro table), from Sunday 2026-11-22 12:00 UTC
    // ---------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("@yearly", "2027-01-01T00:00:00+00:00", "2028-01-01T00:00:00+00:00")]
    [InlineData("@annually", "2027-01-01T00:00:00+00:00", "2028-01-01T00:00:00+00:00")]
    [InlineData("@ANNUALLY", "2027-01-01T00:00:00+00:00", "2028-01-01T00:00:00+00:00")]
    [InlineData("@monthly", "2026-12-01T00:00:00+00:00", "2027-01-01T00:00:00+00:00")]
    [InlineData("@weekly", "2026-11-29T00:00:00+00:00", "2026-12-06T00:00:00+00:00")]
    [InlineData("@Weekly", "2026-11-29T00:00:00+00:00", "2026-12-06T00:00:00+00:00")]
    [InlineData("@daily", "2026-11-23T00:00:00+00:00", "2026-11-24T00:00:00+00:00")]
    [InlineData("@midnight", "2026-11-23T00:00:00+00:00", "2026-11-24T00:00:00+00:00")]
    [InlineData("@DAILY", "2026-11-23T00:00:00+00:00", "2026-11-24T00:00:00+00:00")]
    [InlineData("@hourly", "2026-11-22T13:00:00+00:00", "2026-11-22T14:00:00+00:00")]
    [InlineData("  @hourly  ", "2026-11-22T13:00:00+00:00", "2026-11-22T14:00:00+00:00")]
    public void Next_Macros_FireLikeTheirDocumentedExpansion(string macro, params string[] expected)
        => AssertOccurrences(macro, "2026-11-22T12:00:00+00:00", Utc, expected);

    [Fact]
    public void Next_MacroInZone_FiresAtLocalMidnight()
        // 2026-11-22T12:00Z is 07:00 EST; the next local midnight is 2026-11-23 00:00 -05:00.
        => AssertOccurrences("@daily", "2026-11-22T12:00:00+00:00", NewYork, ["2026-11-23T00:00:00-05:00"]);

    // ---------------------------------------------------------------------------------------------------
    // Seconds, strictness, calendar edges
    // ---------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("30 * * * * *", "2026-12-01T10:00:00+00:00",
        "2026-12-01T10:00:30+00:00", "2026-12-01T10:01:30+00:00")]
    [InlineData("*/20 * * * * *", "2026-12-01T10:00:00+00:00",
        "2026-12-01T10:00:20+00:00", "2026-12-01T10:00:40+00:00", "2026-12-01T10:01:00+00:00")]
    [InlineData("15,45 0 0 1 1 *", "2026-11-22T00:00:00+00:00",
        "2027-01-01T00:00:15+00:00", "2027-01-01T00:00:45+00:00", "2028-01-01T00:00:15+00:00")]
    [InlineData("0 0 12 * * *", "2026-12-01T12:00:00+00:00",
        "2026-12-02T12:00:00+00:00", "2026-12-03T12:00:00+00:00")]
    public void Next_SecondsField_FiresOnTheGivenSeconds(string expression, string from, params string[] expected)
        => AssertOccurrences(expression, from, Utc, expected);

    [Theory]
    // Strictly after `from`: an exact match is skipped, fractions of a second are ignored.
    [InlineData("* * * * *", "2026-12-01T10:00:00+00:00", "2026-12-01T10:01:00+00:00")]
    [InlineData("* * * * *", "2026-12-01T10:00:00.5+00:00", "2026-12-01T10:01:00+00:00")]
    [InlineData("* * * * *", "2026-12-01T10:00:59.9999999+00:00", "2026-12-01T10:01:00+00:00")]
    [InlineData("* * * * * *", "2026-12-01T10:00:00.5+00:00", "2026-12-01T10:00:01+00:00")]
    [InlineData("0 12 * * *", "2026-12-01T12:00:00+00:00", "2026-12-02T12:00:00+00:00")]
    [InlineData("0 12 * * *", "2026-12-01T11:59:59.999+00:00", "2026-12-01T12:00:00+00:00")]
    public void Next_IsStrictlyAfterFrom(string expression, string from, params string[] expected)
        => AssertOccurrences(expression, from, Utc, expected);

    [Theory]
    // Feb 29 exists only in leap years: 2028, then 2032.
    [InlineData("0 0 29 2 *", "2026-03-01T00:00:00+00:00", "2028-02-29T00:00:00+00:00", "2032-02-29T00:00:00+00:00")]
    // The 31st skips months without one (Feb 2027).
    [InlineData("0 0 31 * *", "2026-11-22T00:00:00+00:00",
        "2026-12-31T00:00:00+00:00", "2027-01-31T00:00:00+00:00", "2027-03-31T00:00:00+00:00")]
    // Year rollover.
    [InlineData("59 23 31 12 *", "2026-06-01T00:00:00+00:00", "2026-12-31T23:59:00+00:00", "2027-12-31T23:59:00+00:00")]
    public void Next_CalendarEdges_SkipMissingDays(string expression, string from, params string[] expected)
        => AssertOccurrences(expression, from, Utc, expected);

    // ---------------------------------------------------------------------------------------------------
    // Daylight saving time
    // ---------------------------------------------------------------------------------------------------

    [Theory]
    // Cronos README: "0 30 2 * * *" on the spring-forward day, from the moment before the transition, fires at
    // "next valid time 03:00 AM -04:00" (their example is 2016-03-13; 2026-03-08 is the same rule).
    [InlineData("0 30 2 * * *", NewYork, "2026-03-08T01:59:59-05:00",
        "2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00")]
    [InlineData("30 2 * * *", NewYork, "2026-03-08T01:50:00-05:00",
        "2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00")]
    [InlineData("0 2 * * *", NewYork, "2026-03-08T00:00:00-05:00",
        "2026-03-08T03:00:00-04:00", "2026-03-09T02:00:00-04:00")]
    // 02:00 and 02:30 both fall in the gap: they collapse into one occurrence at 03:00.
    [InlineData("*/30 2 * * *", NewYork, "2026-03-08T00:00:00-05:00",
        "2026-03-08T03:00:00-04:00", "2026-03-09T02:00:00-04:00", "2026-03-09T02:30:00-04:00")]
    // Hourly across the gap: 01:00 EST, 02:00 shifted to 03:00 EDT (03:00 itself collapses into it), 04:00 EDT.
    [InlineData("0 * * * *", NewYork, "2026-03-08T00:30:00-05:00",
        "2026-03-08T01:00:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-08T04:00:00-04:00")]
    [InlineData("*/30 * * * *", NewYork, "2026-03-08T01:00:00-05:00",
        "2026-03-08T01:30:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-08T03:30:00-04:00")]
    // Times after the gap are unaffected.
    [InlineData("0 3 * * *", NewYork, "2026-03-08T00:00:00-05:00", "2026-03-08T03:00:00-04:00")]
    // London: 01:00 GMT → 02:00 BST on 2026-03-29, so 01:30 does not exist and fires at 02:00 BST.
    [InlineData("30 1 * * *", London, "2026-03-29T00:00:00+00:00",
        "2026-03-29T02:00:00+01:00", "2026-03-30T01:30:00+01:00")]
    // Berlin: 02:00 CET → 03:00 CEST on 2026-03-29, so 02:30 fires at 03:00 CEST.
    [InlineData("30 2 * * *", Berlin, "2026-03-29T00:00:00+01:00",
        "2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00")]
    // Berlin hourly at :15 — 02:15 is in the gap and shifts to 03:00, then 03:15 and 04:15 as usual.
    [InlineData("15 * * * *", Berlin, "2026-03-29T01:30:00+01:00",
        "2026-03-29T03:00:00+02:00", "2026-03-29T03:15:00+02:00", "2026-03-29T04:15:00+02:00")]
    public void Next_InSpringForwardGap_FiresAtGapEnd(string expression, string zone, string from, params string[] expected)
        => AssertOccurrences(expression, from, zone, expected);

    [Theory]
    // Cronos README: "30 * * * *" from 00:59:59 -04:00 on the fall-back day fires at 01:30 -04:00, 01:30 -05:00,
    // 02:30 -05:00 ("Does not skip interval-based occurrences").
    [InlineData("30 * * * *", NewYork, "2026-11-01T00:59:59-04:00",
        "2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00", "2026-11-01T02:30:00-05:00")]
    [InlineData("*/30 1 * * *", NewYork, "2026-11-01T00:59:59-04:00",
        "2026-11-01T01:00:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-01T01:00:00-05:00",
        "2026-11-01T01:30:00-05:00", "2026-11-02T01:00:00-05:00")]
    [InlineData("0 * * * *", NewYork, "2026-11-01T00:30:00-04:00",
        "2026-11-01T01:00:00-04:00", "2026-11-01T01:00:00-05:00", "2026-11-01T02:00:00-05:00")]
    // A range in the hour field also makes it interval-based (Cronos: "contains *, ranges or steps").
    [InlineData("15 1-2 * * *", NewYork, "2026-11-01T00:00:00-04:00",
        "2026-11-01T01:15:00-04:00", "2026-11-01T01:15:00-05:00", "2026-11-01T02:15:00-05:00")]
    // So does '*' in the seconds field: 01:30:59 in the first pass, then 01:30:00 again in the second.
    [InlineData("* 30 1 * * *", NewYork, "2026-11-01T01:30:58-04:00",
        "2026-11-01T01:30:59-04:00", "2026-11-01T01:30:00-05:00", "2026-11-01T01:30:01-05:00")]
    // London: 02:00 BST → 01:00 GMT on 2026-10-25; 01:00-01:59 happens first at +01:00 then at +00:00.
    [InlineData("*/20 1 * * *", London, "2026-10-25T00:50:00+01:00",
        "2026-10-25T01:00:00+01:00", "2026-10-25T01:20:00+01:00", "2026-10-25T01:40:00+01:00",
        "2026-10-25T01:00:00+00:00", "2026-10-25T01:20:00+00:00", "2026-10-25T01:40:00+00:00",
        "2026-10-26T01:00:00+00:00")]
    // Berlin: 03:00 CEST → 02:00 CET; 02:00-02:59 happens first at +02:00 then at +01:00.
    [InlineData("0 */30 2 * * *", Berlin, "2026-10-25T00:00:00+02:00",
        "2026-10-25T02:00:00+02:00", "2026-10-25T02:30:00+02:00", "2026-10-25T02:00:00+01:00",
        "2026-10-25T02:30:00+01:00", "2026-10-26T02:00:00+01:00")]
    public void Next_InFallBackOverlap_IntervalExpressionFiresInBothPasses(
        string expression, string zone, string from, params string[] expected)
        => AssertOccurrences(expression, from, zone, expected);

    [Theory]
    // Cronos README: "30 1 * * *" fires at 2016-11-06 01:30 AM -04:00, then 2016-11-07 01:30 AM -05:00
    // ("Does not retry non-interval based occurrences"). Same rule on 2026-11-01.
    [InlineData("30 1 * * *", NewYork, "2026-11-01T00:59:59-04:00",
        "2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00")]
    [InlineData("0 30 1 * * *", NewYork, "2026-11-01T00:59:59-04:00",
        "2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00")]
    // Cronos README non-interval example "0 0,45 1,2 * * *": 01:00 and 01:45 once (first pass), then 02:00.
    [InlineData("0,45 1,2 * * *", NewYork, "2026-11-01T00:00:00-04:00",
        "2026-11-01T01:00:00-04:00", "2026-11-01T01:45:00-04:00", "2026-11-01T02:00:00-05:00",
        "2026-11-01T02:45:00-05:00", "2026-11-02T01:00:00-05:00")]
    // 02:00 on the fall-back day is not ambiguous (it is only reached at -05:00).
    [InlineData("0 2 * * *", NewYork, "2026-11-01T00:00:00-04:00", "2026-11-01T02:00:00-05:00")]
    [InlineData("15 1 * * *", London, "2026-10-25T00:00:00+01:00",
        "2026-10-25T01:15:00+01:00", "2026-10-26T01:15:00+00:00")]
    [InlineData("30 2 * * *", Berlin, "2026-10-25T00:00:00+02:00",
        "2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00")]
    public void Next_InFallBackOverlap_NonIntervalExpressionFiresOnceInFirstPass(
        string expression, string zone, string from, params string[] expected)
        => AssertOccurrences(expression, from, zone, expected);

    [Theory]
    // `from` in the second pass (01:10 EST): the first-pass 01:30 EDT is already past, so a plain value waits
    // for tomorrow, while an interval expression still fires at 01:30 EST.
    [InlineData("30 1 * * *", "2026-11-01T01:10:00-05:00", "2026-11-02T01:30:00-05:00")]
    [InlineData("*/30 1 * * *", "2026-11-01T01:10:00-05:00", "2026-11-01T01:30:00-05:00", "2026-11-02T01:00:00-05:00")]
    // `from` in the first pass (01:10 EDT): the rest of the first pass comes first.
    [InlineData("30 1 * * *", "2026-11-01T01:10:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00")]
    [InlineData("*/30 1 * * *", "2026-11-01T01:40:00-04:00", "2026-11-01T01:00:00-05:00", "2026-11-01T01:30:00-05:00")]
    public void Next_FromInsideFallBackOverlap_ContinuesInTheRightPass(string expression, string from, params string[] expected)
        => AssertOccurrences(expression, from, NewYork, expected);

    [Theory]
    // Output carries the zone's offset at the fire time, whatever offset `from` was given in.
    [InlineData("0 12 * * *", NewYork, "2026-12-01T00:00:00+00:00", "2026-12-01T12:00:00-05:00", "2026-12-01T17:00:00Z")]
    [InlineData("0 12 * * *", NewYork, "2026-07-01T00:00:00+09:00", "2026-06-30T12:00:00-04:00", "2026-06-30T16:00:00Z")]
    [InlineData("0 9 * * *", London, "2026-03-28T10:00:00+00:00", "2026-03-29T09:00:00+01:00", "2026-03-29T08:00:00Z")]
    [InlineData("0 9 * * *", Berlin, "2026-11-30T20:00:00-08:00", "2026-12-01T09:00:00+01:00", "2026-12-01T08:00:00Z")]
    [InlineData("0 9 * * *", Utc, "2026-12-01T00:00:00+05:30", "2026-12-01T09:00:00+00:00", "2026-12-01T09:00:00Z")]
    public void Next_ReturnsTheZoneOffsetAtThatInstant(
        string expression, string zone, string from, string expected, string expectedUtc)
    {
        var next = CronExpression.Parse(expression).GetNextOccurrence(At(from), Zone(zone));

        Assert.NotNull(next);
        Assert.Equal(expected, Format(next.Value));
        Assert.Equal(expectedUtc, next.Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    // ---------------------------------------------------------------------------------------------------
    // Expressions that can never fire
    // ---------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("0 0 30 2 *")]
    [InlineData("0 0 31 4 *")]
    [InlineData("0 0 31 apr *")]
    [InlineData("0 0 30,31 feb *")]
    [InlineData("0 0 31 2,4,6,9,11 *")]
    [InlineData("0 0 0 31 4 *")]
    // Day-of-week begins with '*', so AND semantics apply and April 31st still never exists.
    [InlineData("0 0 31 4 */2")]
    public void NeverFiring_ParsesButYieldsNoOccurrence(string expression)
    {
        var cron = CronExpression.Parse(expression);

        Assert.False(cron.CanEverFire);
        Assert.Null(cron.GetNextOccurrence(At("2026-01-01T00:00:00+00:00"), TimeZoneInfo.Utc));
        Assert.Null(cron.GetNextOccurrence(At("2026-01-01T00:00:00+00:00"), Zone(NewYork)));
        Assert.Empty(cron.GetOccurrences(At("2026-01-01T00:00:00+00:00"), TimeZoneInfo.Utc, 5));
    }

    [Theory]
    [InlineData("* * * * *")]
    [InlineData("0 0 29 2 *")]
    [InlineData("0 0 31 * *")]
    [InlineData("0 0 31 4 mon")] // both day fields restricted: Mondays in April fire
    [InlineData("0 0 30 2 1")]
    [InlineData("0 0 31 */2 *")] // January, March, May, July have a 31st
    public void CanEverFire_IsTrueWhenSomeMonthHasTheDayOrWeekdaysAreOred(string expression)
        => Assert.True(CronExpression.Parse(expression).CanEverFire);

    // ---------------------------------------------------------------------------------------------------
    // Errors
    // ---------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("60 * * * *", "minute", "minute field: value 60 is out of range 0-59")]
    [InlineData("0 x * * *", "hour", "hour field: invalid value 'x'")]
    [InlineData("0 24 * * *", "hour", "hour field: value 24 is out of range 0-23")]
    [InlineData("0 0 0 * *", "day-of-month", "day-of-month field: value 0 is out of range 1-31")]
    [InlineData("0 0 32 * *", "day-of-month", "day-of-month field: value 32 is out of range 1-31")]
    [InlineData("0 0 1 13 *", "month", "month field: value 13 is out of range 1-12")]
    [InlineData("0 0 * foo *", "month", "month field: invalid value 'foo'")]
    [InlineData("0 0 * * 8", "day-of-week", "day-of-week field: value 8 is out of range 0-7")]
    [InlineData("0 0 * * */0", "day-of-week", "day-of-week field: step must be positive")]
    [InlineData("30-10 * * * *", "minute", "minute field: range 30-10 is reversed")]
    // Cronos accepts this reversed range (README: "30,45-15/2 1 * * *"); here it is an error.
    [InlineData("30,45-15/2 1 * * *", "minute", "minute field: range 45-15 is reversed")]
    [InlineData("0 0 * * SAT-sun", "day-of-week", "day-of-week field: range SAT-sun is reversed")]
    [InlineData("60 0 0 * * *", "second", "second field: value 60 is out of range 0-59")]
    [InlineData("*/x * * * *", "minute", "minute field: invalid step 'x'")]
    [InlineData("0 0 * * mon-", "day-of-week", "day-of-week field: invalid range 'mon-'")]
    [InlineData("0 0 1 * mon,,fri", "day-of-week", "day-of-week field: empty list item")]
    [InlineData("0 0 * * jan", "day-of-week", "day-of-week field: invalid value 'jan'")]
    // Cronos README: full names "aren't supported"; crontab(5): "Use the first three letters".
    [InlineData("5 4 * * sunday", "day-of-week", "day-of-week field: invalid value 'sunday'")]
    [InlineData("0 ? * * *", "hour", "hour field: '?' is only allowed in the day-of-month and day-of-week fields")]
    [InlineData("* * * *", null, "expected 5 or 6 fields but found 4")]
    [InlineData("* * * * * * *", null, "expected 5 or 6 fields but found 7")]
    [InlineData("   ", null, "expression is empty")]
    [InlineData("@fortnightly", null, "unknown macro '@fortnightly'")]
    public void Parse_InvalidExpression_ThrowsNamingTheFieldAndReason(string expression, string? field, string message)
    {
        var exception = Assert.Throws<CronFormatException>(() => CronExpression.Parse(expression));

        Assert.Equal(message, exception.Message);
        Assert.Equal(field, exception.Field);
        Assert.IsAssignableFrom<FormatException>(exception);

        Assert.False(CronExpression.TryParse(expression, out var result, out var error));
        Assert.Null(result);
        Assert.Equal(message, error);
    }

    // ---------------------------------------------------------------------------------------------------
    // Parse results and properties
    // ---------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("5 0 * * *", false)]
    [InlineData("0 5 0 * * *", true)]
    [InlineData("  5\t0   *  *\t* ", false)]
    [InlineData("@daily", false)]
    public void Parse_KeepsOriginalTextAndDetectsSecondsField(string expression, bool hasSeconds)
    {
        var cron = CronExpression.Parse(expression);

        Assert.Equal(expression, cron.Expression);
        Assert.Equal(hasSeconds, cron.HasSeconds);
        Assert.True(CronExpression.TryParse(expression, out var parsed, out var error));
        Assert.Null(error);
        Assert.Equal(expression, parsed.Expression);
    }

    [Fact]
    public void Parse_AnyAmountOfWhitespace_IsTheSameSchedule()
        => AssertOccurrences("  5\t0   *  *\t* ", "2026-12-01T00:00:00+00:00", Utc,
            ["2026-12-01T00:05:00+00:00", "2026-12-02T00:05:00+00:00"]);

    [Theory]
    // Cronos README: interval-based when "second, minute or hour field contains *, ranges or steps".
    [InlineData("*/30 1 * * *", true)]
    [InlineData("30 * * * *", true)]
    [InlineData("15 1-2 * * *", true)]
    [InlineData("5/15 3 * * *", true)]
    [InlineData("* 30 1 * * *", true)]
    [InlineData("@hourly", true)]
    [InlineData("30 1 * * *", false)]
    [InlineData("0 30 1 * * *", false)]
    [InlineData("0,45 1,2 * * *", false)]
    [InlineData("@daily", false)]
    [InlineData("0 0 */2 * *", false)] // day fields do not count
    public void IsInterval_ReflectsWildcardsRangesAndStepsInTimeFields(string expression, bool expected)
        => Assert.Equal(expected, CronExpression.Parse(expression).IsInterval);

    [Fact]
    public void GetOccurrences_ZeroCount_IsEmptyAndNegativeCountThrows()
    {
        var cron = CronExpression.Parse("* * * * *");
        var from = At("2026-12-01T00:00:00+00:00");

        Assert.Empty(cron.GetOccurrences(from, TimeZoneInfo.Utc, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => cron.GetOccurrences(from, TimeZoneInfo.Utc, -1));
    }

    // ---------------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------------

    private static void AssertOccurrences(string expression, string from, string zone, string[] expected)
    {
        var cron = CronExpression.Parse(expression);
        var timeZone = Zone(zone);

        var actual = cron.GetOccurrences(At(from), timeZone, expected.Length).Select(Format).ToArray();

        Assert.Equal(expected, actual);
        Assert.Equal(expected[0], Format(cron.GetNextOccurrence(At(from), timeZone)!.Value));
    }

    private static TimeZoneInfo Zone(string id)
        => id == Utc ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);

    private static DateTimeOffset At(string iso)
        => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None);

    private static string Format(DateTimeOffset value)
        => value.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}

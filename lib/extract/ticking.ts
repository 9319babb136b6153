// What a heading says that ticks as the user types (a running total, a save status, a clock):
// no other visit's name, day or payer. Shared by the grouping and the live session.
/** A running total in a heading: "total 38", "Units: 3", "Total timed minutes = 31", "38 min". */
export const RUNNING_TOTAL = /\b(?:(?:total|sum)(?:\s+(?:timed\s+)?(?:minutes?|mins?|units?|time))?|units?|minutes?|mins?)\s*[:=]?\s*\d+(?:\.\d+)?(?:\s*(?:minutes?|mins?|units?))?|\b\d+(?:\.\d+)?\s*(?:minutes?|mins?|units?|hours?|hrs?)\b/gi;
/**
 * A save status: "Saving…", "Saved 10:41:03", "Draft saved", "Unsaved changes", "Last saved
 * 11/02/2026 10:41", "Updated at 10:41 AM" (its date too: the time the page saved, not the visit's day).
 */
export const SAVE_STATUS = /\b(?:(?:last\s+)?(?:saving|saved|autosaved|updated|edited|modified|synced)|unsaved(?:\s+changes)?|draft(?:\s+saved)?|syncing)\b(?:\s*(?:at|on)?\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?=[\sT,]|$))?(?:[\sT,]*(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?)?…?/gi;
/**
 * What else ticks in a heading as the user types, naming no other visit: a duration in hours and
 * minutes ("Total 1h 27m"), a billable count ("Billable: 27"), a save's age ("Saved 27 seconds
 * ago", "just now"), an autosave's countdown. (Only in what a heading names: its label follows it.)
 */
export const TICKING = /\b\d+\s*h(?:rs?|ours?)?\s*\d+\s*m(?:ins?|inutes?)?\b|\b(?:billable|billed|timed|treatment|tx|therapy)(?:\s+(?:time|minutes?|mins?|units?))?\s*[:=]\s*\d+(?:\.\d+)?\b|\b(?:saved|updated|edited|synced)\s+(?:\d+\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)\s+ago|just\s+now)\b|\bautosav(?:e|ing)\s+in\s+\d+\s*(?:s|secs?|seconds?)\b/gi;
/**
 * A clock that ticks: a time with its seconds ("10:41:07"), or an ISO timestamp's time
 * ("2026-11-02T10:41"). An appointment's time ("9:00 AM") is kept: it may tell two sessions of a day apart.
 */
export const CLOCK_STAMP = /(?<=\d)T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?(?![\d:])|(?<![\d:])\d{1,2}:\d{2}:\d{2}(?:\.\d+)?(?:\s*[ap]\.?m\.?)?(?![\d:])/gi;
/** A heading's text with what ticks in it blanked out. */
export const withoutTicking = (text: string): string => text.replace(TICKING, ' ').replace(RUNNING_TOTAL, ' ').replace(SAVE_STATUS, ' ').replace(CLOCK_STAMP, ' ');

/**
 * A time as ccenv prints it, as regular-expression source: "14:05" today, "Nov 29 14:05" on
 * another day. A limit an hour ahead is another day after 23:00, so tests match both.
 */
export const CLOCK = String.raw`(?:[A-Z][a-z]{2} \d{1,2} )?\d\d:\d\d`;

// Escape sequences a hostile CSV could carry to a biller's terminal: clear screen, window
// title (OSC 0), clipboard write (OSC 52), a C1 CSI, and a right-to-left override that
// reorders what is shown. RAW matches any of them left raw in output.
export const CLEAR = '\u001b[2J';
export const TITLE = '\u001b]0;pwned\u0007';
export const CLIPBOARD = '\u001b]52;c;ZWNobyBoaQ==\u0007';
export const CSI = '\u009b31m';
export const RLO = '\u202e';
export const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

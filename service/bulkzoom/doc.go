// Package bulkzoom sets the Zoom profile pictures of many users from one
// folder of image files, for admins who receive a folder of staff photos.
//
// The steps, each usable on its own by the command line and the window:
//
//   - Match pairs the folder's files with the account's users: a file named
//     after a user's e-mail address ("ava.admin@zylker.com.jpg", any case), or
//     after the part before the @ when exactly one user has it ("ava.admin.png").
//     A CSV file of "email,file" lines overrides the guesses. The Plan lists
//     what matched and, plainly, what did not.
//   - Previews fits each matched file (a few at a time, on every core) and
//     reports what would be sent, row by row, without keeping pictures in memory.
//     Thumbnail draws a small picture of one file when a window needs it.
//   - Runner.Apply changes the pictures: each current picture is backed up
//     first (photo.Replace), pictures a user already has are skipped, Zoom's
//     rate limits are respected (a steady pace, and a daily limit stops the run
//     with the time it lifts), one failure never stops the others, and progress
//     is reported as it goes. The run is recorded next to the backups.
//   - Runner.Undo puts back every picture the last run changed.
//   - Report.Summary and Report.WriteCSV say what happened.
package bulkzoom

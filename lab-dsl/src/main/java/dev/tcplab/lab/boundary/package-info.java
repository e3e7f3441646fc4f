/**
 * The only language spoken between the grader and a submission process: length-prefixed frames
 * ({@link dev.tcplab.lab.boundary.Frames}) carrying messages ({@link dev.tcplab.lab.boundary.Protocol})
 * whose values are plain data ({@link dev.tcplab.lab.boundary.PlainData}). Both sides use this
 * package; nothing in it trusts the bytes it reads: every length is bounded by what is left of
 * its frame, and every value is decoded into the type the reader expects, never into a type the
 * writer names.
 */
package dev.tcplab.lab.boundary;

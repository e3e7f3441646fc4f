/**
 * The fault vocabulary for {@link dev.tcplab.stack.dev.Link} directions, after netem (loss with
 * correlation, Gilbert-Elliott, delay with jitter, duplicate, corrupt, reorder with gap) plus
 * time windows ({@link dev.tcplab.stack.dev.fault.LinkDown}) and targeted rules
 * ({@link dev.tcplab.stack.dev.fault.Match}, predicates in {@link dev.tcplab.stack.dev.fault.Matchers}).
 * Start from {@link dev.tcplab.stack.dev.fault.Faults}.
 *
 * <p>Every fault is a link wrapper (smoltcp's FaultInjector): the stack cannot tell. Each draws
 * only from the {@link dev.tcplab.stack.sim.Rng} the link hands it, so a seed fixes every fate.
 * Faults keep state (a correlation's last value, a Gilbert-Elliott state, a rule's match count):
 * use one instance per link direction. All times are virtual nanoseconds.
 */
package dev.tcplab.stack.dev.fault;

/**
 * Groovy operators with a number on the left ({@code 2 * a}), as a Groovy extension module:
 * {@link jgrad.groovy.NumberOperators}.
 */
package jgrad.groovy;

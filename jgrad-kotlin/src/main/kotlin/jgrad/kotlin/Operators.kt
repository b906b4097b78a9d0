/**
 * Kotlin operators with a number on the left: `2.0 * a`, `1.0 - a`, `10.0 / f`, `2 * a`.
 *
 * `Value` and `Tensor` already have Kotlin's operator names (`plus`, `minus`, `times`, `div`,
 * `unaryMinus`), so `(a * b + c) * f`, `a * 2.0` and `-a` need nothing from here. A `Double` on the
 * left has no such method; these extension functions add them, each one a composition of the
 * Java methods (so the graph is the one micrograd builds: `2.0 * a` is `a * 2.0`, `1.0 - a` is
 * `-a + 1.0`, `10.0 / f` is `10.0 * f ** -1`).
 *
 * ```kotlin
 * import jgrad.kotlin.*
 * val g = 2.0 * a + 10.0 / f
 * ```
 */
@file:JvmName("Operators")

package jgrad.kotlin

import jgrad.engine.Value
import jgrad.tensor.Tensor

/** `2.0 * a`, as `a * 2.0` (micrograd's `__rmul__`). */
operator fun Double.times(v: Value): Value = v.mul(this)

/** `2.0 + a`, as `a + 2.0` (micrograd's `__radd__`). */
operator fun Double.plus(v: Value): Value = v.add(this)

/** `1.0 - a`, as `-a + 1.0` (micrograd's `__rsub__`). */
operator fun Double.minus(v: Value): Value = v.neg().add(this)

/** `10.0 / f`, as `10.0 * f ** -1` (micrograd's `__rtruediv__`). */
operator fun Double.div(v: Value): Value = v.pow(-1.0).mul(this)

/** `2 * a`. */
operator fun Int.times(v: Value): Value = v.mul(this.toDouble())

/** `2 + a`. */
operator fun Int.plus(v: Value): Value = v.add(this.toDouble())

/** `1 - a`. */
operator fun Int.minus(v: Value): Value = v.neg().add(this.toDouble())

/** `10 / f`. */
operator fun Int.div(v: Value): Value = v.pow(-1.0).mul(this.toDouble())

/** `2.0 * t`, as `t * 2.0`. */
operator fun Double.times(t: Tensor): Tensor = t.mul(this)

/** `2.0 + t`, as `t + 2.0`. */
operator fun Double.plus(t: Tensor): Tensor = t.add(this)

/** `1.0 - t`, as `-t + 1.0`. */
operator fun Double.minus(t: Tensor): Tensor = t.neg().add(this)

/** `a.pow(2)` with an `Int`: Kotlin does not widen an `Int` argument to the Java method's `double`. */
fun Value.pow(k: Int): Value = this.pow(k.toDouble())

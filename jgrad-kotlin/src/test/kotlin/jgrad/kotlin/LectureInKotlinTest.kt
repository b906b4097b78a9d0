package jgrad.kotlin

import jgrad.engine.Value
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.within
import org.junit.jupiter.api.Test

/**
 * The lecture's expressions written in Kotlin as in Python, compiled by the Kotlin compiler from
 * Maven Central, checked against the lecture's numbers (shared/REFERENCE.md).
 */
class LectureInKotlinTest {

    @Test
    fun theExpressionAndItsGradients() {
        val a = Value.of(2.0, "a")
        val b = Value.of(-3.0, "b")
        val c = Value.of(10.0, "c")
        val f = Value.of(-2.0, "f")
        val e = a * b
        val d = e + c
        val L = d * f
        L.backward()
        // L = -8; grads a=6, b=-4, c=-2, e=-2, d=-2, f=4
        assertThat(L.data()).isEqualTo(-8.0)
        assertThat(doubleArrayOf(a.grad(), b.grad(), c.grad(), e.grad(), d.grad(), f.grad()))
            .containsExactly(6.0, -4.0, -2.0, -2.0, -2.0, 4.0)
        // the same written in one line, as the lecture does: (a*b + c) * f
        assertThat(((a * b + c) * f).data()).isEqualTo(-8.0)
    }

    @Test
    fun theNeuron() {
        val x1 = Value.of(2.0); val x2 = Value.of(0.0)
        val w1 = Value.of(-3.0); val w2 = Value.of(1.0)
        val b = Value.of(6.8813735870195432)
        val n = x1 * w1 + x2 * w2 + b
        val o = n.tanh()
        o.backward()
        assertThat(o.data()).isCloseTo(0.7071067811865476, within(1e-15))
        assertThat(doubleArrayOf(x1.grad(), w1.grad(), x2.grad(), w2.grad(), b.grad()))
            .containsExactly(doubleArrayOf(-1.5, 1.0, 0.5, 0.0, 0.5), within(1e-12))
    }

    @Test
    fun tanhWrittenWithExpAndNumbersOnTheLeft() {
        val x1 = Value.of(2.0); val x2 = Value.of(0.0)
        val w1 = Value.of(-3.0); val w2 = Value.of(1.0)
        val b = Value.of(6.8813735870195432)
        val n = x1 * w1 + x2 * w2 + b
        val e = (2.0 * n).exp()
        val o = (e - 1.0) / (e + 1.0)
        o.backward()
        // same grads with tanh written as (e - 1)/(e + 1), e = exp(2n)
        assertThat(o.data()).isCloseTo(0.7071067811865476, within(1e-12))
        assertThat(x1.grad()).isCloseTo(-1.5, within(1e-12))
        assertThat(w1.grad()).isCloseTo(1.0, within(1e-12))
        assertThat(b.grad()).isCloseTo(0.5, within(1e-12))
    }

    @Test
    fun microgradsReadmeExpression() {
        val a = Value.of(-4.0)
        val b = Value.of(2.0)
        var c = a + b
        var d = a * b + b.pow(3)
        c += c + 1.0
        c += 1.0 + c + (-a)
        d += d * 2.0 + (b + a).relu()
        d += 3.0 * d + (b - a).relu()
        val e = c - d
        val f = e.pow(2)
        var g = f / 2.0
        g += 10.0 / f
        g.backward()
        // micrograd's README: g = 24.7041, a.grad = 138.8338, b.grad = 645.5773
        assertThat(g.data()).isCloseTo(24.70408163265306, within(1e-12))
        assertThat(a.grad()).isCloseTo(138.83381924198252, within(1e-9))
        assertThat(b.grad()).isCloseTo(645.5772594752186, within(1e-9))
    }

    @Test
    fun accumulation() {
        val a = Value.of(3.0)
        val b = a + a
        b.backward()
        assertThat(a.grad()).isEqualTo(2.0)
        val x = Value.of(-2.0); val y = Value.of(3.0)
        val f = (x * y) * (x + y)
        f.backward()
        assertThat(f.data()).isEqualTo(-6.0)
        assertThat(x.grad()).isEqualTo(-3.0)
        assertThat(y.grad()).isEqualTo(-8.0)
        assertThat((-x).data()).isEqualTo(2.0)
        assertThat((1 - x).data()).isEqualTo(3.0)
        assertThat((2 * x).data()).isEqualTo(-4.0)
    }
}

package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAndLogLinesGoAboveIt() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), 10, true);

        bar.update(5, "loss 0.5000");
        bar.log("step 5");
        bar.finish();

        String b = "[===============>              ]  5/10  loss 0.5000";
        String blank = " ".repeat(b.length());
        assertThat(text.toString()).isEqualTo("\r" + b + "\r" + blank + "\r" + "step 5" + System.lineSeparator()
                + b + "\r" + blank + "\r");
    }

    @Test
    void elsewhereOnlyTheLoggedLinesAreWritten() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), 10, false);

        bar.update(5, "loss 0.5000");
        bar.log("step 5");
        bar.update(10, "loss 0.1000");
        bar.finish();

        assertThat(text.toString()).isEqualTo("step 5" + System.lineSeparator());
    }
}

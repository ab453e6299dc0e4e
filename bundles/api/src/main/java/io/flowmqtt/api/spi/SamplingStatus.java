package io.flowmqtt.api.spi;

import java.time.Instant;

/**
 * How the sampling of a {@link SampledDataSource} goes: whether it is failing now, since when and
 * why, for status displays (an output bound to the source shows it in its detail).
 *
 * @param source        the source's type
 * @param failedSamples samples that threw since the source started
 * @param failingInRow  samples that threw since the last one that worked; 0 while sampling works
 * @param failingSince  when the current series of failures began (epoch ms); 0 while sampling works
 * @param currentError  the error of the latest sample of the current series; {@code null} while sampling works
 * @param lastError     the last sampling error, also after sampling works again; {@code null} if none ever
 */
public record SamplingStatus(String source, long failedSamples, long failingInRow, long failingSince,
                             String currentError, String lastError) {

    /** Whether the latest sample failed. */
    public boolean failing() {
        return failingInRow > 0;
    }

    /**
     * In words: {@code sampling failing since 2026-11-25T14:01:47.123Z (12 samples in a row): java.io.IOException: ...},
     * or {@code sampling works} (with the number of failed samples since start, if any).
     */
    public String describe() {
        if (failing()) {
            return "sampling failing since " + Instant.ofEpochMilli(failingSince) + " (" + failingInRow
                    + (failingInRow == 1 ? " sample" : " samples in a row") + "): " + currentError;
        }
        return failedSamples == 0 ? "sampling works" : "sampling works (" + failedSamples + " failed since start)";
    }
}

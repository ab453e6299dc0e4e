package io.flowmqtt.monitoring.internal;

import java.lang.annotation.Annotation;

/** {@link MonitoringConfig} values for tests, as DS would hand them over. */
final class Configs {
    private Configs() {
    }

    static MonitoringConfig of(String metricsTokenHash, int certificateWarningDays) {
        return new MonitoringConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MonitoringConfig.class;
            }

            @Override
            public String metricsTokenHash() {
                return metricsTokenHash;
            }

            @Override
            public int certificateWarningDays() {
                return certificateWarningDays;
            }
        };
    }
}

package io.flowmqtt.source.processing.internal;

import io.flowmqtt.api.MqttInterface;
import io.flowmqtt.api.OutboundMessage;
import io.flowmqtt.api.PublishResult;
import io.flowmqtt.api.TimestampFormat;
import io.flowmqtt.api.processing.ProcessingUnit;
import io.flowmqtt.api.processing.RunState;
import io.flowmqtt.api.processing.UnitState;
import io.flowmqtt.api.status.ConnectionState;
import io.flowmqtt.api.status.Counters;
import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.api.status.LogEntry;
import java.util.List;
import java.util.Map;

/** Small stand-ins for the services the processing source tracks. */
final class Fakes {
    private Fakes() {
    }

    static Map<String, Object> serviceId(long id) {
        return Map.of("service.id", id);
    }

    static ProcessingUnit unit(String id, String name, RunState state, double fps, long processed, long dropped, String error) {
        UnitState unitState = new UnitState(id, name, state, fps, processed, dropped, error);
        return () -> unitState;
    }

    static ProcessingUnit failingUnit() {
        return () -> {
            throw new IllegalStateException("unit is gone");
        };
    }

    static InterfaceStatus status(String name, ConnectionState state, String broker, String detail, Counters counters,
                                  String lastError) {
        return InterfaceStatus.builder().name(name).state(state).broker(broker).detail(detail).since(1_700_000_000_000L)
                .counters(counters).lastError(lastError).build();
    }

    static MqttInterface mqttInterface(InterfaceStatus status) {
        return new FakeInterface(status);
    }

    static final class FakeInterface implements MqttInterface {
        private final InterfaceStatus status;

        FakeInterface(InterfaceStatus status) {
            this.status = status;
        }

        @Override
        public String name() {
            return status.name();
        }

        @Override
        public String topicRoot() {
            return "flow/" + status.name();
        }

        @Override
        public String deviceId() {
            return "block";
        }

        @Override
        public TimestampFormat timestampFormat() {
            return TimestampFormat.EPOCH_MILLIS;
        }

        @Override
        public PublishResult publish(OutboundMessage message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InterfaceStatus status() {
            if (status == null) {
                throw new IllegalStateException("status not available");
            }
            return status;
        }

        @Override
        public java.util.List<io.flowmqtt.api.status.ConnectionCheck> testConnection() {
            return java.util.List.of();
        }

        @Override
        public List<LogEntry> communicationLog() {
            return List.of();
        }
    }
}

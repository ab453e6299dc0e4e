package io.flowmqtt.api.processing;

/** Whether a processing unit is working. */
public enum RunState {
    RUNNING, STOPPED, ERROR
}

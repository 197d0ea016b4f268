package io.collector.server.ha;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every leadership event, and the thread it came on, for tests. */
class RecordingListener implements LeadershipListener {

    final List<String> events = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void isLeader() {
        record("isLeader");
    }

    @Override
    public void notLeader() {
        record("notLeader");
    }

    @Override
    public void suspended() {
        record("suspended");
    }

    @Override
    public void reconnected() {
        record("reconnected");
    }

    boolean heard(String event) {
        return events.contains(event);
    }

    long count(String event) {
        return events.stream().filter(event::equals).count();
    }

    String last() {
        return events.isEmpty() ? "" : events.get(events.size() - 1);
    }

    private void record(String event) {
        threads.add(Thread.currentThread().getName());
        events.add(event);
    }
}

"""Prometheus metrics: request counts and latencies (this node), queue depth, worker heartbeat age and job
durations (shared, read from the queue's storage at scrape time).

Under `bianzhi serve` with several gunicorn workers, PROMETHEUS_MULTIPROC_DIR is set so the workers' request
counters are added up (prometheus_client's multiprocess mode); each node is scraped on its own."""
import os

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily

from . import jobs

LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)

REQUESTS = Counter("bianzhi_http_requests", "HTTP requests served, by view and status",
                   ["method", "view", "status"])
LATENCY = Histogram("bianzhi_http_request_duration_seconds", "Time to answer an HTTP request, by view",
                    ["method", "view"], buckets=LATENCY_BUCKETS)


class QueueCollector:
    """Read at scrape time from the shared queue storage, so every node reports the same numbers."""

    def collect(self):
        from huey.contrib.djhuey import HUEY

        depth = GaugeMetricFamily("bianzhi_queue_depth", "Jobs waiting in the task queue", labels=["state"])
        depth.add_metric(["pending"], HUEY.pending_count())
        depth.add_metric(["scheduled"], HUEY.scheduled_count())
        yield depth
        age = jobs.heartbeat_age()
        heartbeat = GaugeMetricFamily("bianzhi_worker_heartbeat_age_seconds",
                                      "Seconds since the background worker last reported (-1: never)")
        heartbeat.add_metric([], -1 if age is None else age)
        yield heartbeat
        durations = HistogramMetricFamily("bianzhi_job_duration_seconds", "Time a background job ran, by task",
                                          labels=["task"])
        failures = CounterMetricFamily("bianzhi_job_failures", "Background jobs that raised, by task",
                                       labels=["task"])
        for name, entry in sorted(jobs.job_stats().items()):
            buckets = [(str(bound), count) for bound, count in zip(jobs.BUCKETS, entry["buckets"], strict=True)]
            buckets.append(("+Inf", entry["count"]))
            durations.add_metric([name], buckets, entry["sum"])
            failures.add_metric([name], entry["failed"])
        yield durations
        yield failures


def render() -> bytes:
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(REQUESTS)
        registry.register(LATENCY)
    registry.register(QueueCollector())
    return generate_latest(registry)

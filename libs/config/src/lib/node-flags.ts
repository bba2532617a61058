/**
 * V8 flags of the worker process, given on its command line by the launcher (`npm start`) and the image's
 * entry point (infra/docker/uptake.sh); the ingest benchmark's `--compiled` mode uses them too.
 *
 * `--optimize-for-size`: V8's heuristics for a small heap (1 MB semi-spaces, a tighter old generation,
 * earlier compaction). With V8's defaults on a large machine the young generation alone grows to 64 MB and
 * the old generation is left to grow long before it is collected: measured on the compiled worker, idle RSS
 * 186 MB -> 136 MB and the peak of a 2M-event demo sync 370 MB -> 163 MB (rollup refresh 296 -> 147 MB), for
 * ~21% fewer events/s (1,899 vs 2,403 events/s, both runs side by side on the same loaded 2-core machine).
 * A cap of the semi-space alone (`--max-semi-space-size=4`) idles at ~155 MB and still peaks above 300 MB;
 * a cap of the old generation (`--max-old-space-size`) would turn a large KPI computation into a crash.
 * Not in NODE_OPTIONS: Node refuses this flag there, so it has to be on the command line.
 */
export const WORKER_NODE_FLAGS: readonly string[] = ['--optimize-for-size'];

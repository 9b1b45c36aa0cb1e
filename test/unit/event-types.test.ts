/** The static event-type list that completion uses stays equal to what the simulator's catalog produces. */
import { describe, expect, it } from 'vitest';
import { createEventSource } from '../../src/simulator/catalog.js';
import { EVENT_TYPES } from '../../src/simulator/event-types.js';
import { sampleTypes } from '../../src/simulator/samples.js';

describe('EVENT_TYPES', () => {
  const streamed = new Set<string>();
  for (const seed of [1, 2, 3]) {
    const source = createEventSource({ seed });
    for (let i = 0; i < 20_000; i++) streamed.add(source.next().event.event);
  }
  const known = new Set(EVENT_TYPES);

  it('holds every type the simulated stream produces', () => {
    expect([...streamed].filter((t) => !known.has(t))).toEqual([]);
  });

  it('holds every type `trigger` has a sample for', () => {
    expect(sampleTypes().filter((t) => !known.has(t))).toEqual([]);
  });

  it('holds nothing the catalog cannot produce, each once, sorted', () => {
    const producible = new Set([...streamed, ...sampleTypes()]);
    expect(EVENT_TYPES.filter((t) => !producible.has(t))).toEqual([]);
    expect([...known].sort()).toEqual(EVENT_TYPES);
  });
});

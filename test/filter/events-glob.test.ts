import { describe, expect, it } from 'vitest';
import { compileEventGlobs } from '../../src/core/events-glob.js';

describe('compileEventGlobs', () => {
  it('matches exact names only without a star', () => {
    const m = compileEventGlobs('recording.completed');
    expect(m('recording.completed')).toBe(true);
    expect(m('recording.completed.x')).toBe(false);
    expect(m('xrecording.completed')).toBe(false);
    expect(m('recording_completed')).toBe(false); // the dot is literal, not a regex wildcard
  });
  it('lets * match any run of characters, dots included', () => {
    const m = compileEventGlobs('meeting.*');
    expect(m('meeting.started')).toBe(true);
    expect(m('meeting.participant_joined')).toBe(true);
    expect(m('meeting.')).toBe(true);
    expect(m('meeting')).toBe(false);
    expect(m('webinar.started')).toBe(false);
    expect(compileEventGlobs('*.completed')('phone.recording.completed')).toBe(true);
    expect(compileEventGlobs('meeting.*_joined')('meeting.participant_joined')).toBe(true);
    expect(compileEventGlobs('meeting.*_joined')('meeting.participant_left')).toBe(false);
  });
  it('takes a comma-separated list, trimming spaces', () => {
    const m = compileEventGlobs('meeting.*, recording.completed');
    expect(m('meeting.ended')).toBe(true);
    expect(m('recording.completed')).toBe(true);
    expect(m('recording.started')).toBe(false);
  });
  it('matches everything for an empty spec', () => {
    expect(compileEventGlobs('')('anything.at.all')).toBe(true);
    expect(compileEventGlobs(' , ')('x')).toBe(true);
  });
  it('treats regex characters literally', () => {
    const m = compileEventGlobs('a+b.(c)');
    expect(m('a+b.(c)')).toBe(true);
    expect(m('aab.(c)')).toBe(false);
  });
});

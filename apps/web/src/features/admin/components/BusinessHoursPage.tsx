import { weekdays } from '@parley/contract';
import type { DepartmentHours, Weekday } from '@parley/contract';
import { useId, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { describeError, isApiError } from '../../../app/http.ts';
import { Button } from '../../../ui/Button.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { Sheet } from '../../../ui/Sheet.tsx';
import { Switch } from '../../../ui/Switch.tsx';
import { useNow } from '../../../ui/useNow.ts';
import type { AdminPageProps } from '../adminPage.ts';
import {
  browserTimeZones,
  copyMondayToWeekdays,
  dayNames,
  describeState,
  draftProblems,
  firstProblemField,
  nextRange,
  summariseWeek,
  weekGroups,
  tidyTime,
  timeZoneChoices,
  toBody,
  toDraft,
} from '../businessHoursForm.ts';
import type { HoursDraft, RangeDraft } from '../businessHoursForm.ts';
import { asSentence, serverFieldError } from '../fieldErrors.ts';
import { useBusinessHours, useSaveBusinessHours } from '../hooks/useBusinessHours.ts';
import { AdminButton, AdminListState, AdminPageHeader, ReadOnlyNote } from './AdminControls.tsx';
import '../businessHours.css';

/** When each department answers live; outside these hours conversations become tickets. */
export function BusinessHoursPage({ readOnly }: AdminPageProps) {
  const hours = useBusinessHours();
  const [editingId, setEditingId] = useState<string | null>(null);
  const editing = hours.data?.find((d) => d.departmentId === editingId);
  return (
    <>
      <AdminPageHeader
        title="Business hours"
        description="When each department answers live. Outside these hours a new conversation becomes a ticket and the customer is told when you open."
      />
      <ReadOnlyNote readOnly={readOnly} />
      <AdminListState
        query={hours}
        noun="business hours"
        columns={4}
        isEmpty={(data) => data.length === 0}
        empty={
          <EmptyState
            title="No departments yet."
            description="Create a department first; then set when it answers."
          />
        }
      >
        {(list) => <HoursTable list={list} readOnly={readOnly} onEdit={(id) => setEditingId(id)} />}
      </AdminListState>
      {editing ? (
        <HoursSheet key={editing.departmentId} hours={editing} onClose={() => setEditingId(null)} />
      ) : null}
    </>
  );
}

type HoursTableProps = {
  list: DepartmentHours[];
  readOnly: boolean;
  onEdit: (departmentId: string) => void;
};

function HoursTable({ list, readOnly, onEdit }: HoursTableProps) {
  const now = useNow(30_000);
  return (
    <table className="admin-table">
      <thead>
        <tr>
          <th scope="col">Department</th>
          <th scope="col">Now</th>
          <th scope="col">Hours</th>
          <th scope="col">Time zone</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {list.map((hours) => (
          <tr key={hours.departmentId}>
            <th scope="row" className="admin-table__name">
              {hours.departmentName}
            </th>
            <td>
              <span
                className={`hours-state ${hours.openNow ? 'hours-state--open' : 'hours-state--closed'}`}
              >
                <span>
                  {describeState(hours, now)
                    .split(' · ')
                    .map((part, i) => (
                      <span key={i} className="hours-state__part">
                        {i > 0 ? ' · ' : ''}
                        {part}
                      </span>
                    ))}
                </span>
              </span>
            </td>
            <td className="admin-table__meta">
              <WeekSummary hours={hours} />
            </td>
            <td className="admin-table__meta">
              {hours.configured ? <ZoneName zone={hours.timeZone} /> : '—'}
            </td>
            <td className="admin-table__actions">
              <AdminButton
                readOnly={readOnly}
                size="sm"
                variant="ghost"
                onClick={() => onEdit(hours.departmentId)}
                aria-label={`Edit hours of ${hours.departmentName}`}
              >
                Edit
              </AdminButton>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The week a line per group of days ("Mon–Fri 09:00–17:00"), ranges never broken apart. */
function WeekSummary({ hours }: { hours: DepartmentHours }) {
  const holidays = hours.holidays.length;
  const groups = hours.weekly ? weekGroups(hours.weekly) : [];
  return (
    <span className="hours-summary">
      {!hours.configured ? (
        <span>Not set</span>
      ) : hours.weekly === null || groups.length === 0 ? (
        <span>{summariseWeek(hours.weekly)}</span>
      ) : (
        groups.map((group) => (
          <span key={group.days}>
            <span className="hours-summary__days">{group.days}</span>{' '}
            {group.ranges.map((range, i) => (
              <span key={range} className="hours-summary__range">
                {range}
                {i < group.ranges.length - 1 ? ', ' : ''}
              </span>
            ))}
          </span>
        ))
      )}
      {holidays > 0 ? (
        <span>{`${holidays} ${holidays === 1 ? 'holiday' : 'holidays'}`}</span>
      ) : null}
    </span>
  );
}

/** "America/Argentina/Buenos Aires", free to break after each slash in a narrow column. */
function ZoneName({ zone }: { zone: string }) {
  const parts = zone.replace(/_/g, ' ').split('/');
  return (
    <>
      {parts.map((part, i) => (
        <span key={i}>
          {i > 0 ? '/' : ''}
          {i > 0 ? <wbr /> : null}
          {part}
        </span>
      ))}
    </>
  );
}

/** An error under a field, tied to it for screen readers by `${fieldId}-error`. */
function FieldError({ fieldId, message }: { fieldId: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={`${fieldId}-error`} className="field__error">
      {asSentence(message)}
    </p>
  );
}

/** The attributes that mark a field invalid and point at its error. */
const invalidProps = (fieldId: string, message: string | undefined) => ({
  id: fieldId,
  'aria-invalid': message ? true : undefined,
  'aria-describedby': message ? `${fieldId}-error` : undefined,
});

function HoursSheet({ hours, onClose }: { hours: DepartmentHours; onClose: () => void }) {
  const save = useSaveBusinessHours();
  const [draft, setDraft] = useState<HoursDraft>(() => toDraft(hours));
  const [checked, setChecked] = useState(false);
  const id = useId();
  const zones = useMemo(
    () => timeZoneChoices(draft.timeZone, browserTimeZones()),
    // The department's own zone first, as it was when the sheet opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const problems = draftProblems(draft);
  const fieldId = (field: string) => `${id}-${field}`;
  const errorFor = (field: string) =>
    (checked ? problems[field] : undefined) ?? serverFieldError(save.error, field);

  const change = (next: HoursDraft) => {
    setDraft(next);
    save.reset();
  };
  const setRanges = (day: Weekday, ranges: RangeDraft[]) =>
    change({ ...draft, week: { ...draft.week, [day]: ranges } });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    const first = firstProblemField(problems);
    if (first) {
      document.getElementById(fieldId(first))?.focus();
      return;
    }
    save.mutate(toBody(draft, hours.departmentId), { onSuccess: onClose });
  };

  const unplaced =
    save.isError && isApiError(save.error, 422)
      ? save.error.fieldErrors.filter((e) => !document.getElementById(fieldId(e.field)))
      : [];
  const otherError =
    save.isError && !isApiError(save.error, 422)
      ? describeError(save.error)
      : unplaced.length > 0
        ? unplaced.map((e) => `${e.field}: ${e.message}`).join(' ')
        : null;

  return (
    <Sheet
      open
      onOpenChange={(next) => (next ? undefined : onClose())}
      title={`Hours of ${hours.departmentName}`}
      description="Times are on the department's clock; holidays close the whole day."
    >
      <form className="admin-form hours-form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label className="field__label" htmlFor={fieldId('timeZone')}>
            Time zone
          </label>
          <select
            className="input"
            value={draft.timeZone}
            onChange={(event) => change({ ...draft, timeZone: event.target.value })}
            {...invalidProps(fieldId('timeZone'), errorFor('timeZone'))}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
          <FieldError fieldId={fieldId('timeZone')} message={errorFor('timeZone')} />
        </div>

        <div className="hours-form__switch">
          <label className="field__label" htmlFor={fieldId('aroundTheClock')}>
            Open around the clock
          </label>
          <Switch
            id={fieldId('aroundTheClock')}
            checked={draft.aroundTheClock}
            onCheckedChange={(on) => change({ ...draft, aroundTheClock: on })}
            aria-describedby={`${fieldId('aroundTheClock')}-hint`}
          />
          <p id={`${fieldId('aroundTheClock')}-hint`} className="field__hint">
            Every day, all day; the holidays below still close.
          </p>
        </div>

        {draft.aroundTheClock ? null : (
          <fieldset className="admin-form__group">
            <legend className="field__label">Opening hours</legend>
            <div className="hours-form__tools">
              <Button size="sm" variant="ghost" onClick={() => change(copyMondayToWeekdays(draft))}>
                Copy Monday to weekdays
              </Button>
            </div>
            {weekdays.map((day) => (
              <DayRanges
                key={day}
                day={day}
                ranges={draft.week[day]}
                onChange={(ranges) => setRanges(day, ranges)}
                fieldId={fieldId}
                errorFor={errorFor}
              />
            ))}
          </fieldset>
        )}

        <HolidayList
          holidays={draft.holidays}
          onChange={(holidays) => change({ ...draft, holidays })}
          fieldId={fieldId}
          errorFor={errorFor}
        />

        {otherError ? (
          <p className="field__error" role="alert">
            {otherError}
          </p>
        ) : null}
        {checked && Object.keys(problems).length > 0 ? (
          <p className="field__error" role="alert">
            Some hours need fixing before they can be saved.
          </p>
        ) : null}
        <div className="admin-form__actions">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" pending={save.isPending}>
            Save hours
          </Button>
        </div>
      </form>
    </Sheet>
  );
}

type FieldHelpers = {
  fieldId: (field: string) => string;
  errorFor: (field: string) => string | undefined;
};

function DayRanges({
  day,
  ranges,
  onChange,
  fieldId,
  errorFor,
}: FieldHelpers & { day: Weekday; ranges: RangeDraft[]; onChange: (r: RangeDraft[]) => void }) {
  const name = dayNames[day];
  const edit = (i: number, edge: 'start' | 'end', value: string) =>
    onChange(ranges.map((r, j) => (j === i ? { ...r, [edge]: value } : r)));
  return (
    <fieldset className="hours-day">
      <legend className="hours-day__name">{name}</legend>
      <div className="hours-day__ranges">
        {ranges.length === 0 ? <span className="hours-day__closed">Closed</span> : null}
        {ranges.map((range, i) => {
          const start = `weekly.${day}.${i}.start`;
          const end = `weekly.${day}.${i}.end`;
          return (
            <div key={i} className="hours-range">
              <div className="hours-range__times">
                <input
                  className="input hours-range__time"
                  inputMode="numeric"
                  placeholder="09:00"
                  autoComplete="off"
                  aria-label={`${name} range ${i + 1} opens`}
                  value={range.start}
                  onChange={(event) => edit(i, 'start', event.target.value)}
                  onBlur={(event) => edit(i, 'start', tidyTime(event.target.value))}
                  {...invalidProps(fieldId(start), errorFor(start))}
                />
                <span aria-hidden="true">–</span>
                <input
                  className="input hours-range__time"
                  inputMode="numeric"
                  placeholder="17:00"
                  autoComplete="off"
                  aria-label={`${name} range ${i + 1} closes`}
                  value={range.end}
                  onChange={(event) => edit(i, 'end', event.target.value)}
                  onBlur={(event) => edit(i, 'end', tidyTime(event.target.value))}
                  {...invalidProps(fieldId(end), errorFor(end))}
                />
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => onChange(ranges.filter((_, j) => j !== i))}
                  aria-label={`Remove ${name} range ${i + 1}`}
                >
                  Remove
                </Button>
              </div>
              <FieldError fieldId={fieldId(start)} message={errorFor(start)} />
              <FieldError fieldId={fieldId(end)} message={errorFor(end)} />
            </div>
          );
        })}
        <div>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => onChange([...ranges, nextRange(ranges)])}
            aria-label={`Add a range on ${name}`}
            disabled={ranges.length >= 6}
          >
            Add range
          </Button>
        </div>
      </div>
    </fieldset>
  );
}

function HolidayList({
  holidays,
  onChange,
  fieldId,
  errorFor,
}: FieldHelpers & {
  holidays: HoursDraft['holidays'];
  onChange: (h: HoursDraft['holidays']) => void;
}) {
  const edit = (i: number, key: 'date' | 'name', value: string) =>
    onChange(holidays.map((h, j) => (j === i ? { ...h, [key]: value } : h)));
  return (
    <fieldset className="admin-form__group">
      <legend className="field__label">Holidays</legend>
      {holidays.length === 0 ? (
        <p className="field__hint">No holidays. Each one closes its whole day.</p>
      ) : null}
      {holidays.map((holiday, i) => {
        const date = `holidays.${i}.date`;
        const name = `holidays.${i}.name`;
        return (
          <div key={i} className="hours-range">
            <div className="hours-holiday">
              <input
                type="date"
                className="input"
                aria-label={`Holiday ${i + 1} date`}
                value={holiday.date}
                onChange={(event) => edit(i, 'date', event.target.value)}
                {...invalidProps(fieldId(date), errorFor(date))}
              />
              <input
                className="input"
                placeholder="Name, e.g. New Year's Day"
                aria-label={`Holiday ${i + 1} name`}
                maxLength={100}
                value={holiday.name}
                onChange={(event) => edit(i, 'name', event.target.value)}
                {...invalidProps(fieldId(name), errorFor(name))}
              />
              <Button
                size="sm"
                variant="ghost"
                onClick={() => onChange(holidays.filter((_, j) => j !== i))}
                aria-label={`Remove holiday ${i + 1}${holiday.name ? ` (${holiday.name})` : ''}`}
              >
                Remove
              </Button>
            </div>
            <FieldError fieldId={fieldId(date)} message={errorFor(date)} />
            <FieldError fieldId={fieldId(name)} message={errorFor(name)} />
          </div>
        );
      })}
      <div>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => onChange([...holidays, { date: '', name: '' }])}
          disabled={holidays.length >= 100}
        >
          Add holiday
        </Button>
      </div>
    </fieldset>
  );
}

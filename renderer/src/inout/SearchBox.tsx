import { useEffect, useId, useRef, useState } from 'react';
import type { Booking } from '../../../shared/booking';
import type { IpcError } from '../../../shared/ipc/errors';
import type { Locale } from '../../../shared/settings';
import { api } from '../api';
import { paymentText } from '../business/PaymentLine';
import { CloseIcon } from '../components/icons';
import { StatusChip } from '../components/StatusChip';
import { describeError } from '../errors';
import { formatTimeRange, intlLocale } from '../format';
import type { Translate } from '../i18n';
import { SearchIcon } from './icons';
import { formatResultDay, SEARCH_DEBOUNCE_MS, searchQuery, stepOption } from './lists';

type Results = { query: string; bookings: Booking[] } | { query: string; error: IpcError };

export interface SearchBoxProps {
  t: Translate;
  locale: Locale;
  timeZone: string | null;
  /** Opens the class's week and shows it in the details panel. */
  onChoose(booking: Booking): void;
}

/**
 * Search every week by student name or e-mail, preferenceId or access code:
 * a combobox (ARIA 1.2 pattern) whose list opens under it. Focus stays in
 * the box; ↑ ↓ move the active option, Enter opens it, Escape closes the
 * list (and a second Escape clears the box).
 */
export function SearchBox({ t, locale, timeZone, onChoose }: SearchBoxProps) {
  const [text, setText] = useState('');
  const [results, setResults] = useState<Results | null>(null);
  const [searching, setSearching] = useState(false);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const seq = useRef(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const optionId = (i: number) => `${listId}-option-${i}`;
  const query = searchQuery(text);

  // Debounced: main is asked once the teacher pauses, and only the latest answer counts.
  useEffect(() => {
    const id = ++seq.current;
    if (!query) {
      setResults(null);
      setSearching(false);
      return;
    }
    setSearching(true);
    const timer = setTimeout(() => {
      void api.searchBookings({ query }).then((reply) => {
        if (id !== seq.current) return;
        setSearching(false);
        setResults(reply.ok ? { query, bookings: reply.value.results } : { query, error: reply.error });
        setActive(-1);
      });
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const bookings = results && 'bookings' in results ? results.bookings : [];
  const expanded = open && query !== null && (results !== null || searching);

  const choose = (booking: Booking) => {
    setOpen(false);
    setActive(-1);
    onChoose(booking);
  };

  // Keep the active option in view.
  useEffect(() => {
    if (active < 0) return;
    document.getElementById(`${listId}-option-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, listId]);

  let status = '';
  if (expanded) {
    if (searching && !results) status = t('inout.search.searching');
    else if (results && 'error' in results) status = describeError(results.error, t).message;
    else if (results && bookings.length === 0) status = t('inout.search.none', { query: results.query });
    else if (results) status = bookings.length === 1 ? t('inout.search.count.one') : t('inout.search.count.other', { n: bookings.length });
  }

  return (
    <div className="search" data-testid="search">
      <div className={`search-field${expanded ? ' is-open' : ''}`}>
        <SearchIcon className="search-icon" />
        <input
          ref={input}
          type="text"
          role="combobox"
          aria-label={t('inout.search.label')}
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          placeholder={t('inout.search.placeholder')}
          autoComplete="off"
          spellCheck={false}
          enterKeyHint="search"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              setOpen(true);
              if (bookings.length > 0) setActive((a) => stepOption(bookings.length, a, e.key === 'ArrowDown' ? 1 : -1));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              const chosen = bookings[active >= 0 ? active : 0];
              if (expanded && chosen) choose(chosen);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              if (expanded) setOpen(false);
              else setText('');
              setActive(-1);
            }
          }}
          data-testid="search-input"
        />
        {text ? (
          <button
            type="button"
            className="search-clear"
            aria-label={t('inout.search.clear')}
            title={t('inout.search.clear')}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              setText('');
              input.current?.focus();
            }}
          >
            <CloseIcon />
          </button>
        ) : null}
      </div>
      <div className="search-popup" hidden={!expanded}>
        <ul id={listId} role="listbox" aria-label={t('inout.search.results')} className="search-list" data-testid="search-results">
          {timeZone
            ? bookings.map((booking, i) => (
                <li
                  key={booking.id}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  className={`search-option${i === active ? ' is-active' : ''}`}
                  data-booking-id={booking.id}
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseMove={() => setActive(i)}
                  onClick={() => choose(booking)}
                >
                  <span className="search-option-main">
                    <span className="search-option-name">{booking.bookedBy.name}</span>
                    <span className="search-option-sub">
                      {booking.bookedBy.email}
                      {booking.accessCode ? <span className="search-option-code"> · {booking.accessCode}</span> : null}
                      <span className={`search-option-payment payment-text-${booking.payment?.state ?? 'unknown'}`} data-testid="search-payment">
                        {' · '}
                        {paymentText(booking, t, locale)}
                      </span>
                    </span>
                  </span>
                  <span className="search-option-when">
                    <span>{formatResultDay(booking.startTime, timeZone, intlLocale(locale))}</span>
                    <span className="search-option-time">{formatTimeRange(booking.startTime, booking.endTime, timeZone, locale)}</span>
                  </span>
                  <StatusChip status={booking.status} t={t} />
                </li>
              ))
            : null}
        </ul>
        {status && bookings.length === 0 ? <p className="search-status">{status}</p> : null}
      </div>
      <p className="sr-only" role="status">
        {searching ? '' : status}
      </p>
    </div>
  );
}

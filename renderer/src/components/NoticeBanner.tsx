import type { Notice } from '../../../shared/ipc/contract';
import type { MessageKey, Translate } from '../i18n';

/** One sentence per notice kind, so a new kind fails the typecheck until it is worded in both languages. */
const NOTICE_TEXT: Record<Notice['kind'], MessageKey> = {
  'store-damaged': 'notice.store-damaged',
  'store-newer-version': 'notice.store-newer-version',
  'store-journal-torn': 'notice.store-journal-torn',
  'settings-damaged': 'notice.settings-damaged',
};

/** A store or settings notice in the teacher's language (main's own sentence is English, for the log). */
export function NoticeBanner({ notice, t }: { notice: Notice; t: Translate }) {
  return (
    <p role="alert" className="banner notice" data-testid="notice" data-kind={notice.kind}>
      {t(NOTICE_TEXT[notice.kind], { keptAs: notice.keptAs ?? '' })}
    </p>
  );
}

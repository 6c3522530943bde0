// Funders' evidence: the documents that prove the network's work to the European Social Fund
// and the Département. Each document is printed in the network's language (DEFAULT_LOCALE,
// French by default): it is given to the public or filed with a funder.
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Translate } from '../../i18n/index.ts';
import type { EventDetails } from '../events/repo.ts';
import { type Display, eventWhen } from '../events/views.ts';
import type { MemberService } from '../members/service.ts';
import type { FundingText } from '../network/model.ts';
import { type NetworkService, slugify } from '../network/service.ts';
import { attendanceSheetPdf } from './attendance-sheet.ts';
import type { DocumentFrame } from './pdf.ts';

export interface PdfFile {
  filename: string;
  title: string;
  bytes: Buffer;
  pages: number;
}

export function documentFrame(funding: FundingText, t: Translate): DocumentFrame {
  return { funding, emblemCaption: t('funding.emblemCaption'), pageLabel: (page, pages) => t('sheet.page', { page, pages }) };
}

/** Where an event takes place, in words for a printed page. */
export function placeOf(
  event: Pick<EventDetails, 'locationKind' | 'address'> & { spaces: readonly { name: string; town: string }[] },
  t: Translate,
): string {
  // « La Fabrique de Crest », not « La Fabrique de Crest (Crest) ».
  const named = (s: { name: string; town: string }) =>
    s.town && !s.name.toLowerCase().includes(s.town.toLowerCase()) ? `${s.name} (${s.town})` : s.name;
  const spaces = event.spaces.map(named).join(', ');
  if (event.locationKind === 'elsewhere' && event.address) return spaces ? `${event.address} — ${spaces}` : event.address;
  if (event.locationKind === 'online') return spaces ? `${t('sheet.online')} — ${spaces}` : t('sheet.online');
  return spaces;
}

export interface EvidenceDeps {
  network: NetworkService;
  members: MemberService;
  display: (locale: Config['defaultLocale']) => Display;
  clock: Clock;
  config: Config;
}

export class EvidenceService {
  readonly #deps: EvidenceDeps;

  constructor(deps: EvidenceDeps) {
    this.#deps = deps;
  }

  get #display(): Display {
    return this.#deps.display(this.#deps.config.defaultLocale);
  }

  /** The event's attendance sheet, ready to print (the caller checked who may have it). */
  async attendanceSheet(teamId: string, event: EventDetails): Promise<PdfFile & { rows: number }> {
    const d = this.#display;
    const [funding, names] = await Promise.all([
      this.#deps.network.fundingText(teamId),
      this.#deps.members.namesOf(teamId, event.organizers),
    ]);
    const sheet = await attendanceSheetPdf(
      {
        title: event.title,
        when: eventWhen(event, d),
        place: placeOf(event, d.t),
        organisers: event.organizers.flatMap((u) => names.get(u) ?? []),
        expected: event.expectedAttendance,
      },
      documentFrame(funding, d.t),
      d.t,
      this.#deps.clock.now(),
    );
    const slug = slugify(event.title).slice(0, 50) || 'evenement';
    return {
      filename: `${slugify(d.t('sheet.title'))}-${slug}.pdf`,
      title: `${d.t('sheet.title')} — ${event.title}`,
      ...sheet,
    };
  }
}

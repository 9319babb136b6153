import { describe, expect, it } from 'vitest';
import catalogJson from '../../lib/rules/data/catalog.json';
import phrasesJson from '../../lib/rules/data/phrases.json';
import type { Evaluation, Finding } from '../../lib/model';
import { evaluate } from '../../lib/rules/evaluate';
import { correction, editDistance } from '../../lib/rules/suggestions/spelling';
import { lexicon } from '../../lib/rules/suggestions/lexicon';
import { commercial, medicarePT, ofRule } from './helpers';

// code.suggest, family by family (issue 15). Every example is written here from the source it
// cites (own words, never CPT descriptor text); the labelled corpus is scored apart
// (code-suggest-corpus.test.ts, npm run score:codes).

const visit = (code: string, label: string, discipline: 'PT' | 'OT' | 'SLP' = 'PT') => medicarePT([{ code, label, minutes: 15 }], { discipline });
const suggestions = (e: Evaluation): Finding[] => ofRule(e, 'code.suggest');
/** The code(s) a line's suggestion points to, [] when it raises none. */
function pointsTo(code: string, label: string, discipline: 'PT' | 'OT' | 'SLP' = 'PT'): string[] {
  return suggestions(evaluate(visit(code, label, discipline))).flatMap((f) => f.codes.filter((c) => c !== code));
}
function only(code: string, label: string, discipline: 'PT' | 'OT' | 'SLP' = 'PT'): Finding {
  const found = suggestions(evaluate(visit(code, label, discipline)));
  expect(found, `one code.suggest for ${code} "${label}"`).toHaveLength(1);
  return found[0]!;
}
const quiet = (code: string, label: string, discipline: 'PT' | 'OT' | 'SLP' = 'PT') => expect(pointsTo(code, label, discipline), `${code} "${label}" should raise nothing`).toEqual([]);

describe('seed distinctions (issue 15)', () => {
  describe('intent over equipment: the same ball or band is 97110, 97112 or 97530 by its goal', () => {
    // NGS LCD L26884 (quoted in the AAPC thread "PT Home Exercises"): a gym ball used to build strength is
    // therapeutic exercise; pt-management.com (97530): a task done for function is therapeutic activity;
    // 97112 retrains balance and proprioception (webpt.com movement codes).
    it('a gym ball for core strength is 97110', () => {
      expect(pointsTo('97112', 'Gym ball bridges for core strength')).toEqual(['97110']);
      quiet('97110', 'Gym ball bridges for core strength');
    });
    it('a gym ball with perturbations for balance is 97112', () => {
      expect(pointsTo('97110', 'Seated on gym ball with perturbations for sitting balance')).toEqual(['97112']);
      quiet('97112', 'Seated on gym ball with perturbations for sitting balance');
    });
    it('a ball thrown and caught for a functional task is 97530', () => {
      expect(pointsTo('97110', 'Ball catch and throw in standing for functional reaching')).toEqual(['97530']);
      quiet('97530', 'Ball catch and throw in standing for functional reaching');
    });
    it('a band: rows for strength (97110), perturbations for balance (97112), pulling a door open (97530)', () => {
      quiet('97110', 'Theraband rows for scapular strength');
      expect(pointsTo('97530', 'Theraband rows for scapular strength')).toEqual(['97110']);
      expect(pointsTo('97110', 'Theraband perturbations in standing for balance')).toEqual(['97112']);
      expect(pointsTo('97110', 'Band-resisted pulling to simulate opening a heavy door, functional task')).toEqual(['97530']);
    });
    it('squats for strength are 97110; squats to pick items up from the floor are 97530 (pt-management.com 97530)', () => {
      expect(pointsTo('97530', 'Squats 2x12 for quad strength')).toEqual(['97110']);
      expect(pointsTo('97110', 'Squatting to retrieve items from the floor')).toEqual(['97530']);
    });
  });

  it('lumbar or core stabilization is 97110, not 97112 (LCD 97110 examples via codingahead.com; footlevelers.com)', () => {
    expect(pointsTo('97112', 'Lumbar stabilization exercises in hooklying')).toEqual(['97110']);
    expect(pointsTo('97112', 'Core stab: planks and bird dogs')).toEqual(['97110']);
    quiet('97110', 'Lumbar stabilization exercises in hooklying');
  });

  it('sled pushes and squat-to-lift practice are 97530 (issue 15 seed; pt-management.com: lifting and carrying)', () => {
    expect(pointsTo('97110', 'Sled push 4 laps with 70 lb')).toEqual(['97530']);
    expect(pointsTo('97110', 'Squat to lift practice, 15 lb box from floor')).toEqual(['97530']);
    quiet('97530', 'Sled push 4 laps with 70 lb');
  });

  it('effleurage, petrissage and tapotement are massage 97124, not manual therapy 97140 (Dynamic Chiropractic "Codes for Soft-Tissue Work")', () => {
    const f = only('97140', 'Effleurage and petrissage to both calves');
    expect(f.codes).toEqual(['97140', '97124']);
    expect(f.message).toContain('"effleurage"');
    expect(f.message).toContain('"petrissage"');
    expect(pointsTo('97140', 'Tapotement to upper back')).toEqual(['97124']);
    quiet('97124', 'Effleurage and petrissage to both calves');
    // And the other way: mobilization and soft tissue mobilization are manual therapy.
    expect(pointsTo('97124', 'Joint mobs and STM to the thoracic spine')).toEqual(['97140']);
  });

  it('exercise in water is aquatic therapy 97113, one service, not two (therapycomply.com Aquatic Therapy)', () => {
    const f = only('97110', 'Squats and walking in the pool for hip strength');
    expect(f.severity).toBe('warning');
    expect(f.codes).toEqual(['97110', '97113']);
    quiet('97113', 'Squats and walking in the pool for hip strength');
  });

  it('two or more patients at once is group therapy 97150 (CMS group definition, rules-reference §7)', () => {
    expect(pointsTo('97110', 'Group class, 4 patients, LE strengthening')).toEqual(['97150']);
    quiet('97150', 'Group class, 4 patients, LE strengthening');
  });

  it('supervised modalities: hot/cold packs 97010, mechanical traction 97012, paraffin 97018 (rules-reference §3)', () => {
    expect(pointsTo('97018', 'Moist heat to neck 10 min')).toEqual(['97010']);
    expect(pointsTo('97016', 'Cold pack to R knee after treatment')).toEqual(['97010']);
    expect(pointsTo('97140', 'Mechanical cervical traction 12 lb intermittent')).toEqual(['97012']);
    expect(pointsTo('97010', 'Paraffin bath to both hands')).toEqual(['97018']);
    // Traction by hand is manual therapy (codingahead.com 97012 vs 97140).
    expect(pointsTo('97012', 'Manual traction to the cervical spine')).toEqual(['97140']);
  });

  it('wheelchair management and propulsion training are 97542 (codingahead.com 97542; issue 15 seed)', () => {
    expect(pointsTo('97530', 'W/C propulsion training up a ramp')).toEqual(['97542']);
    expect(pointsTo('97116', 'Wheelchair skills: curb ascent, brakes, leg rests')).toEqual(['97542']);
    quiet('97542', 'W/C propulsion training up a ramp');
  });
});

describe('families', () => {
  it('exercise: walking in the parallel bars is gait training 97116 (CPM Pub. 100-04 Ch. 5 §20.3)', () => {
    expect(pointsTo('97112', 'Gait training in parallel bars, cues for step length')).toEqual(['97116']);
    // A treadmill walked for endurance is exercise (LCD 97110 examples: treadmill).
    expect(pointsTo('97116', 'Treadmill 15 min for cardiovascular endurance')).toEqual(['97110']);
  });

  it('training: self-care 97535, community 97537, sensory integration 97533, cognition 97129 (Coding Ahead 97535 and the AMA example; patientexercises.com 97537; rules-reference §3)', () => {
    expect(pointsTo('97530', 'One-handed meal preparation in the kitchen')).toEqual(['97535']);
    expect(pointsTo('97530', 'Tub transfer with a tub bench and grab bar')).toEqual(['97535']);
    expect(pointsTo('97535', 'Bus route practice and money management')).toEqual(['97537']);
    expect(pointsTo('97112', 'Sensory diet: platform swing and heavy work')).toEqual(['97533']);
    expect(pointsTo('97530', 'Cognitive tx: working memory and problem solving')).toEqual(['97129']);
    // 97130 is 97129's add-on, the same service: not second-guessed by its words.
    quiet('97130', 'Cognitive tx: working memory and problem solving');
  });

  it('tests and devices: 97750 tests, 97755 assistive technology, 97760/97761 first encounters, 97763 later ones (AAPC FCE article; carepatron 97760; NCCI Ch. XI P.8)', () => {
    const fce = only('97530', 'FCE with written report: lifting and carrying');
    expect(fce.severity).toBe('warning');
    expect(fce.codes).toEqual(['97530', '97750']);
    expect(pointsTo('97750', 'Assistive technology assessment: switch access trial')).toEqual(['97755']);
    expect(pointsTo('97763', 'Initial AFO fitting and training')).toEqual(['97760']);
    expect(pointsTo('97760', 'AFO adjustment at follow-up visit')).toEqual(['97763']);
    expect(pointsTo('97763', 'Prosthetic training, initial encounter: donning liner')).toEqual(['97761']);
    // Walking with a new AFO at its first fitting is part of the orthotic training, not a second service.
    quiet('97760', 'Initial AFO fitting, gait with the AFO in the hallway');
    // A new device said first, as what the line is about, holds the training it includes; the
    // qualifier alone ("new") is no device.
    expect(pointsTo('97116', 'New TT prosthesis: weight shifting and gait in bars')).toEqual(['97761']);
    expect(pointsTo('97116', 'Gait training with new BK prosthesis 200 ft, RW')).toEqual(['97761']);
    quiet('97116', 'Gait trng w/ L AFO 200 ft x2');
  });

  it('supervised modalities: unattended e-stim is G0283 for Medicare and 97014 for other payers (pt-management.com; Find-A-Code/CGS)', () => {
    expect(pointsTo('97032', 'IFC to low back, pt unattended')).toEqual(['G0283']);
    const other = ofRule(evaluate(commercial([{ code: '97032', label: 'IFC to low back, pt unattended', minutes: 15 }])), 'code.suggest');
    expect(other.flatMap((f) => f.codes)).toEqual(['97032', '97014']);
    // 97014 and G0283 are the same service: neither is second-guessed as the other.
    quiet('97014', 'IFC to low back, pt unattended');
    // On a visit with no payer of its own, a line that names another payer than Medicare ("BCBS",
    // "work comp", "not Medicare") is shown that payer's code.
    const noPayer = (code: string, label: string) => {
      const v = visit(code, label);
      delete v.payer;
      return suggestions(evaluate(v)).flatMap((f) => f.codes.filter((c) => c !== code));
    };
    expect(noPayer('97032', 'BCBS pt: IFC to low back, pt unattended')).toEqual(['97014']);
    expect(noPayer('97010', 'Workers comp claim - unattended TENS to neck 15 min')).toEqual(['97014']);
    expect(noPayer('97032', 'Commercial ins (not Medicare): unattended premod e-stim to knee')).toEqual(['97014']);
    expect(noPayer('97032', 'IFC to low back, pt unattended')).toEqual(['G0283']);
    // The visit's own payer stands: a Medicare patient with a supplement still bills Medicare's G0283.
    expect(pointsTo('97032', 'IFC to low back, pt unattended; Medicare primary, BCBS secondary')).toEqual(['G0283']);
    expect(pointsTo('97032', 'BCBS pt: IFC to low back, pt unattended')).toEqual(['G0283']);
    // "PIP" alone is a finger joint, not an auto claim.
    expect(pointsTo('97032', 'IFC to R PIP region, pt unattended')).toEqual(['G0283']);
    expect(pointsTo('97010', 'Vasopneumatic compression to L ankle for edema')).toEqual(['97016']);
    expect(pointsTo('97113', 'Whirlpool to R hand 10 min')).toEqual(['97022']);
    expect(pointsTo('97035', 'Shortwave diathermy to lumbar')).toEqual(['97024']);
    expect(pointsTo('97010', 'Infrared lamp to neck 15 min')).toEqual(['97026']);
  });

  it('attended modalities: e-stim during an exercise is 97032; phonophoresis is ultrasound 97035 (Find-A-Code/CGS e-stim and ultrasound articles)', () => {
    expect(pointsTo('G0283', 'NMES to quads during quad sets')).toEqual(['97032']);
    quiet('97032', 'NMES to quads during quad sets');
    expect(pointsTo('97033', 'Phonophoresis with hydrocortisone to R wrist')).toEqual(['97035']);
    expect(pointsTo('97035', 'Iontophoresis with dexamethasone to L elbow')).toEqual(['97033']);
    expect(pointsTo('97022', 'Contrast bath to both feet')).toEqual(['97034']);
    expect(pointsTo('97022', 'Hubbard tank immersion 20 min')).toEqual(['97036']);
  });

  it('evaluations: complexity, re-evaluation and discipline come from the words that say them (complexity tables at therapyplayground.com; NCCI Ch. XI P.3)', () => {
    expect(pointsTo('97161', 'PT evaluation, moderate complexity, evolving presentation')).toEqual(['97162']);
    expect(pointsTo('97165', 'OT eval, high complexity, 5+ deficits')).toEqual(['97167']);
    expect(pointsTo('97161', 'PT re-evaluation after a fall')).toEqual(['97164']);
    // "Re-eval" fits both disciplines: on a PT visit the PT code.
    expect(pointsTo('97168', 'Re-eval after surgery, new plan of care')).toEqual(['97164']);
    // No complexity said: nothing to choose by.
    quiet('97162', 'PT eval');
    quiet('97161', 'Initial evaluation');
  });

  it('SLP: swallowing 92526 vs speech-language 92507, group 92508, evaluations 92610/92521-92524 (undeny.ai 92526; ASHA 2022; rules-reference §3)', () => {
    expect(pointsTo('92507', 'Swallowing treatment: effortful swallow and chin tuck', 'SLP')).toEqual(['92526']);
    expect(pointsTo('92526', 'Language treatment: naming and word finding', 'SLP')).toEqual(['92507']);
    expect(pointsTo('92526', 'Bedside swallow evaluation with PO trials', 'SLP')).toEqual(['92610']);
    expect(pointsTo('92507', 'Aphasia group, 4 members', 'SLP')).toEqual(['92508']);
    expect(pointsTo('92523', 'Fluency evaluation, stuttering severity', 'SLP')).toEqual(['92521']);
    // A treatment charted under an evaluation code, when nothing says it was assessed.
    expect(pointsTo('92610', 'Dysphagia tx', 'SLP')).toEqual(['92526']);
    // An SLP line is never pointed to a PT code ("posture" is a 97112 word, but not on an SLP plan of care).
    quiet('92507', 'Voice tx: resonant voice, posture and breath support', 'SLP');
  });
});

describe('not done today: negation and history (CPM Pub. 100-04 Ch. 5 §20.3: only time actually spent delivering a service counts)', () => {
  it('"no manual therapy today": its words are not evidence for 97140, and the message says so', () => {
    const f = only('97140', 'No manual therapy today; AROM and isometrics L shoulder');
    expect(f.codes).toEqual(['97140', '97110']);
    expect(f.message).toMatch(/"manual therapy" was not done today \("No"\)/);
  });
  it('declined, deferred, held, d/c\'d, not tolerated', () => {
    quiet('97110', 'Pt declined ice; TherEx for knee strength');
    expect(pointsTo('97010', 'Pt declined ice; TherEx for knee strength')).toEqual(['97110']);
    expect(pointsTo('97140', 'MT deferred d/t pain; AROM and isometrics')).toEqual(['97110']);
    quiet('97110', "HP held today, TherEx for hip");
    expect(pointsTo('97012', "Traction d/c'd; STM to cervical paraspinals")).toEqual(['97140']);
    expect(pointsTo('97012', 'Mech traction not tolerated, switched to STM')).toEqual(['97140']);
  });
  it('a stretch "held 30 sec" is a hold, not a held service; "pain declined" is less pain', () => {
    expect(pointsTo('97140', 'Hamstring stretch held 30 sec x3')).toEqual(['97110']);
    // A time just before "hold" is a hold too ("5 sec hold", "10x5 hold").
    expect(pointsTo('97112', 'Isometric quad sets 10x5 sec hold')).toEqual(['97110']);
    expect(pointsTo('97112', 'Quad sets 10x5 hold')).toEqual(['97110']);
    quiet('97140', 'Pain declined after joint mobs');
  });
  it('last visit, previously, next session: another visit\'s service', () => {
    expect(pointsTo('97116', 'Gait trng last visit; today balance on foam')).toEqual(['97112']);
    expect(pointsTo('97140', 'Manual therapy next session; TherEx today')).toEqual(['97110']);
    expect(pointsTo('97112', 'Previously on NMR; now LE strengthening')).toEqual(['97110']);
    // "same as last visit" is done today too.
    expect(pointsTo('97112', 'TherEx same as last visit')).toEqual(['97110']);
  });
  it('"declined ice and performed TherEx": the refusal does not reach past "and performed"', () => {
    quiet('97110', 'Pt declined ice and performed TherEx for knee');
  });
  it('"no pain with TherEx", "no LOB during gait": the "no" is about a symptom, the service was done', () => {
    // phrases.json context `symptom`: a "no" just before a symptom governs the symptom.
    expect(pointsTo('97112', 'No pain with ther ex today; SLR and bridges progressed')).toEqual(['97110']);
    expect(pointsTo('97110', 'No LOB during gait training with SPC 150 ft')).toEqual(['97116']);
    expect(pointsTo('97110', 'No dizziness with gaze stabilization x1 viewing')).toEqual(['97112']);
    expect(pointsTo('97018', 'No redness after hot pack to R shoulder')).toEqual(['97010']);
    // A "no" before the service itself still says it was not done.
    expect(pointsTo('97140', 'No manual therapy today; AROM L shoulder')).toEqual(['97110']);
  });
});

describe('the eighth pass: kinds of wording from the spent blind sets (docs/code-suggestions.md)', () => {
  // CPM Pub. 100-04 Ch. 5 §20.3: a service from another visit is not this visit's.
  it('a "Prior:" heading, "done 10/3", "2 wks ago", "s/p <service>" put that service at another visit; a heading before a colon is not put there by the words after it', () => {
    quiet('97110', 'Prior: IFC unattended. Today TherEx: bridges and clams 3x10');
    quiet('97164', 'eval done 10/3; today PT re-eval after new injury');
    quiet('92526', 's/p clinical swallow eval 11/20; today dysphagia tx: effortful swallow');
    quiet('97164', 'PT re-eval: pt fell at home last wk, plan revised');
    // "prior level of function" is no heading; "s/p TKA 3 wks ago: gait" is today's gait.
    expect(pointsTo('97110', 's/p TKA 3 wks ago: gait training w/ RW 150 ft')).toEqual(['97116']);
  });
  it('"level at eval" names no AT (assistive technology / athletic trainer) evaluation: a leading AT or US must be capitals', () => {
    quiet('97116', 'Pt was w/c level at eval; today gait 60 ft w/ RW');
    expect(pointsTo('97164', 'AT re-eval after return-to-play setback, plan revised')).toContain('97172');
  });
  it('minutes said to follow the first unit show the add-on code (97130, catalog addOnTo)', () => {
    expect(pointsTo('97530', 'Cog tx, each addl 15 min after the first unit: working memory drills')).toEqual(['97130']);
    const note = only('97129', 'Cognitive tx unit 2 (additional 15 min): problem solving');
    expect(note.severity).toBe('info');
    expect(note.codes).toEqual(['97129', '97130']);
    quiet('97129', 'Cognitive tx: problem solving with a daily planner');
  });
  it('visit words decide first (97760/97761) against later (97763) orthotic/prosthetic visits over what was done at the visit (Pabau 97760; MedPayIQ 97763)', () => {
    expect(pointsTo('97763', 'First encounter: thumb spica orthosis fit, straps adjusted')).toEqual(['97760']);
    expect(pointsTo('97760', '2nd session w/ wrist splint: strap re-positioned')).toEqual(['97763']);
    quiet('97763', 'Prosthetic gait training, subsequent: step-through pattern on ramp');
  });
  it('a performance test with its report is 97750 whatever it measures (medpayiq.com 97750)', () => {
    expect(pointsTo('97110', 'Isokinetic shoulder IR/ER test + report')).toEqual(['97750']);
    quiet('97750', 'post-offer employment testing, lift/carry, report');
  });
  it('held in place is no withheld service; a bracket that only says "not done" is about what came before it', () => {
    expect(pointsTo('97016', 'Cold pack held in place with towel on knee, 12 min')).toEqual(['97010']);
    quiet('97140', 'Scar mobilization; tendon glides left as HEP (not done in clinic); PIP joint glides grade II');
  });
});

describe('a line that names two services (CPM §20.2: each service is coded with its own minutes)', () => {
  it('coded as one of them: a note (info) naming the other, to chart it on its own line', () => {
    const f = only('97110', 'TherEx and gait training');
    expect(f.severity).toBe('info');
    expect(f.codes).toEqual(['97110', '97116']);
    expect(f.message).toMatch(/names two services/);
    expect(f.action).toMatch(/chart 97116 on its own line with its own minutes/);
    expect(only('97010', 'HP + IFC to low back').codes).toEqual(['97010', 'G0283']);
  });
  it('coded as neither: a warning naming both', () => {
    const f = only('97112', 'TherEx and gait training');
    expect(f.severity).toBe('warning');
    expect(f.codes).toEqual(['97112', '97110', '97116']);
  });
  it('a tool or a setting is not a second service: "with a rolling walker", "NMES during quad sets"', () => {
    quiet('97116', 'Gait training with rolling walker');
    quiet('97032', 'NMES to quads during quad sets');
    // E-stim during a service is attended e-stim (findacode.com, CGS): still a tool, not a second service.
    quiet('97116', 'Gait training with e-stim to anterior tib');
  });
  it('its own service named, and apart from it another that outweighs it: a note, not a recode', () => {
    const f = only('97140', 'Joint mobs R knee then quad sets and SLR');
    expect(f.severity).toBe('info');
    expect(f.codes).toEqual(['97140', '97110']);
    expect(f.message).toMatch(/names two services: "joint mobs" \(manual therapy, 97140\) and "quad sets", "SLR" \(therapeutic exercise, 97110\)/);
    // "followed by" separates two services as "then" does.
    expect(only('97112', 'Manual therapy followed by therex to R knee').codes).toEqual(['97112', '97140', '97110']);
  });
  it('a supervised modality "with" another service is given at the same time (NCCI Ch. XI §P.2), not a tool', () => {
    const f = only('97010', 'Premod e-stim to lumbar paraspinals with MHP');
    expect(f.severity).toBe('info');
    expect(f.codes).toEqual(['97010', 'G0283']);
    expect(only('97010', 'IFC with ice pack to L knee, 15 min').severity).toBe('info');
    expect(only('97032', 'IFC with ice pack to L knee, 15 min').codes).toEqual(['97032', 'G0283', '97010']);
  });
  it('a service before or after this one ("prior to", "following") weighs little when the line says what was done', () => {
    expect(pointsTo('97018', 'Heat to low back prior to manual therapy')).toEqual(['97010']);
    expect(pointsTo('97018', 'Ice pack to knee following manual therapy')).toEqual(['97010']);
    quiet('97010', 'Heat to low back prior to manual therapy');
  });
  it('a goal goes on through "and" to the next goal word; generic words ("ex", "reps") speak for no one code', () => {
    expect(pointsTo('97110', 'MFR to pec minor for improved posture and shoulder ROM')).toEqual(['97140']);
    expect(pointsTo('97110', 'Habituation ex for motion sensitivity x 10 reps')).toEqual(['97112']);
  });
});

describe('one service under a name that holds another code\'s word', () => {
  it('ice massage is a cold modality (97010; LCD L34049 via learnmedicarebilling.com), not massage', () => {
    expect(pointsTo('97018', 'Ice massage to lateral epicondyle 5 min')).toEqual(['97010']);
    quiet('97010', 'Ice massage to lateral epicondyle 5 min');
  });
  it('teaching home TENS use is attended e-stim (97032; findacode.com, CGS)', () => {
    expect(pointsTo('G0283', 'TENS instruction for home use, electrode placement and settings')).toEqual(['97032']);
    quiet('97032', 'TENS instruction for home use, electrode placement and settings');
  });
  it('combination ultrasound and e-stim through one device is billed as ultrasound (97035; findacode.com, CGS)', () => {
    quiet('97035', 'Combo US/e-stim to R upper trap');
    expect(pointsTo('G0283', 'Combo US/e-stim to R upper trap')).toEqual(['97035']);
  });
});

describe('spelling and abbreviations', () => {
  it('common misspellings read as the word they miss: "efflurage", "propriocepton", "wheelchiar"', () => {
    const f = only('97140', 'efflurage to calves');
    expect(f.codes).toEqual(['97140', '97124']);
    expect(f.message).toContain('"effleurage"');
    expect(pointsTo('97110', 'propriocepton drills on foam')).toEqual(['97112']);
    expect(pointsTo('97530', 'wheelchiar propulsion')).toEqual(['97542']);
  });
  it('a real word one letter from a therapy word is not "corrected" (teaching ≠ reaching, pressing ≠ dressing)', () => {
    const lex = lexicon();
    expect(correction(lex, 'teaching')).toBeUndefined();
    expect(correction(lex, 'pressing')).toBeUndefined();
    expect(correction(lex, 'exersizes')).toBe('exercises');
    // Two consonants that do not sound alike make another real word (shoveling ≠ showering).
    expect(correction(lex, 'shoveling')).toBeUndefined();
    expect(correction(lex, 'strenghtening')).toBe('strengthening');
    expect(correction(lex, 'petrisage')).toBe('petrissage');
    expect(editDistance('iontophorisis', 'iontophoresis', 2)).toBe(1);
    expect(editDistance('wheelchiar', 'wheelchair', 2)).toBe(1);
  });
  it('abbreviations that are ordinary words count only in capitals: "US", "TA", "MT"', () => {
    expect(pointsTo('97033', 'US to R knee 1 MHz')).toEqual(['97035']);
    quiet('97110', 'TherEx; pt showed us the HEP handout');
    // TA: transversus abdominis bracing is exercise; "TA:" heading a lifting task is therapeutic activities.
    expect(pointsTo('97530', 'TA bracing and dead bugs')).toEqual(['97110']);
    expect(pointsTo('97110', 'TA: lifting and carrying crates')).toEqual(['97530']);
  });
});

describe('a prompt, never a verdict (issue #2)', () => {
  it('a suggestion is a warning that names the words behind it, says what to do if the code is right, and cites its phrases.json row', () => {
    const f = only('97110', 'Balance on foam with perturbations');
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('"foam"');
    expect(f.message).toContain('"perturbations"');
    expect(f.action).toMatch(/^If that is what was done, code 97112; if 97110 is right, say in the note/);
    expect(f.source).toMatch(/^phrases\.json row 97112 \w+ \(.{10,}\)/);
    expect(`${f.message} ${f.action}`).not.toMatch(/\b(wrong|incorrect|invalid|must)\b/i);
  });
  it('too little to go on (a lone tool, a tie) raises nothing', () => {
    quiet('97112', 'Theraband');
    quiet('97530', 'Balance and ROM');
  });
});

describe('the demo flowsheet (test/fixtures/ehr/flowsheet.html; test/e2e/flowsheet.e2e.ts expects these)', () => {
  it('row 1 suggests 97112 naming "balance", "proprioception", "foam" in that order; rows 2 and 3 raise nothing', () => {
    const e = evaluate(medicarePT([
      { code: '97110', label: 'Balance and proprioception on foam to reduce fall risk', minutes: 24 },
      { code: '97110', label: 'Strengthening R knee to improve stair climbing', minutes: 23 },
      { code: '97116', label: 'Gait training with rolling walker' },
    ]));
    const found = suggestions(e);
    expect(found).toHaveLength(1);
    expect(found[0]!.entries).toEqual([0]);
    expect(`${found[0]!.rule}: ${found[0]!.message}`).toMatch(/code\.suggest.*"balance", "proprioception", "foam".*97112/);
  });
});

describe("ninth pass: the billed code's own words, and the words that rule a rival out", () => {
  it('a line coded as the service named after "prior to" names two services: a note, not a recode', () => {
    // Medicare bundles the hot pack, so the note to chart it apart stays quiet; another service is a note.
    quiet('97012', "HP to lumbar 10' prior to mech traction 15'");
    const f = only('97110', 'US to R shoulder 8 min prior to TherEx: wall slides, ER w/ band');
    expect([f.severity, f.codes]).toEqual(['info', ['97110', '97035']]);
  });
  it('a service "later" in the visit is not inside a group class', () => {
    const f = only('97116', 'Group ex class, later 1:1 gait training in its own block');
    expect([f.severity, f.codes]).toEqual(['info', ['97116', '97150']]);
  });
  it('"motor control, not strength": the line rules out the aim of the rival', () => {
    quiet('97112', 'Deep neck flexor activation w/ pressure biofeedback, focus on motor control not strength');
    quiet('97112', 'Multifidus activation, aim motor control rather than strength');
  });
  it('walking with no gait pattern work said ("no cues for pattern needed") is chosen by its goal', () => {
    quiet('97110', 'Ambulated 250 ft x2 w/ RW for endurance, no cues for pattern needed');
    // Without those words the walking is gait training, as before.
    expect(pointsTo('97110', 'Ambulated 250 ft x2 w/ RW, cues for heel strike')).toEqual(['97116']);
  });
  it('motor planning inside a sensory integration session is its content, not a second service', () => {
    quiet('97533', 'SI session: linear swing, crash pad, then motor planning obstacle course');
    expect(pointsTo('97533', 'Motor planning and postural control tasks on the mat')).toEqual(['97112']);
  });
  it("the billed service's own activities done in turn (then) with another named service: a note", () => {
    const f = only('97530', 'ADL retraining: LB dressing and toileting, then functional reach activities at counter');
    expect([f.severity, f.codes]).toEqual(['info', ['97530', '97535']]);
  });
  it('a line naming its own service, the other code only by activities: a note, not a warning', () => {
    const f = only('92507', 'Cog-comm tx: recall of appointments with memory log, problem solving of safety scenarios', 'SLP');
    expect([f.severity, f.codes]).toEqual(['info', ['92507', '97129']]);
  });
  it('curbs and ramps on a line that names wheelchair skills are taken in the chair', () => {
    quiet('97542', 'W/c skills: curb ascent/descent w/ spotter, ramp propulsion 20 ft');
    expect(pointsTo('97542', 'Curb negotiation w/ SPC, step-to pattern')).toEqual(['97116']);
  });
  it('intent over equipment: a chair "without armrests", a weighted vest worn for strength; "hold-relax" is no service held', () => {
    expect(pointsTo('97110', 'PNF rhythmic initiation and hold-relax for LE flexion pattern, tactile cues')).toEqual(['97112']);
    expect(pointsTo('97110', 'Sit to stand from chair without armrests x10 to practice getting up from dining table')).toEqual(['97530']);
    expect(pointsTo('97530', 'Chair rise 3x8 wearing 5# weighted vest for quad strength')).toEqual(['97110']);
  });
  it('an evaluation of both speech sound production and language is 92523', () => {
    expect(pointsTo('92522', 'Speech-language evaluation: articulation (GFTA-3) and receptive/expressive language (CELF-5)', 'SLP')).toEqual(['92523']);
    quiet('92522', 'Artic eval: GFTA-3 and stimulability; language not assessed', 'SLP');
    quiet('92522', 'Artic eval only (GFTA-3); receptive language screened WNL', 'SLP');
    quiet('92507', 'Artic tx /s/ blends 80%; receptive language probes: 2-step directions', 'SLP');
  });
  it('a traction table gives the distraction; "AT eval" with assistive technology words is not an athletic trainer evaluation', () => {
    expect(pointsTo('97140', 'Mechanical traction table, lumbar distraction 70 lb x 12 min')).toEqual(['97012']);
    quiet('97012', 'Mechanical traction table, lumbar distraction 70 lb x 12 min');
    quiet('97755', 'AT eval: ergonomic keyboard and switch access trial, written report');
  });
  it('equipment out of order or too small: its service was not done', () => {
    quiet('97010', 'Traction table out of order today; moist heat only to lumbar x 15 min');
    quiet('97036', 'extremity whirlpool too small for trunk wounds, so Hubbard tank used');
  });
});

describe('phrases.json covers the catalog', () => {
  const lex = lexicon();
  const rows = (catalogJson as { rows: { code: string; kind: string; deleted?: unknown; medicare?: { useInstead?: string }; addOnTo?: string }[] }).rows;
  it('every timed and untimed code therapists chart has phrases (or is the same service as one that has)', () => {
    const charted = rows.filter((r) => r.kind !== 'rtm' && !r.deleted && !/^9894/.test(r.code));
    const missing = charted.filter((r) => !lex.codes.has(r.code) && !lex.codes.has(r.medicare?.useInstead ?? '') && !lex.codes.has(r.addOnTo ?? ''));
    expect(missing.map((r) => r.code)).toEqual([]);
  });
  it('every row, qualifier, context and includes row names a source and a confidence', () => {
    const json = phrasesJson as { rows: object[]; qualifiers: object[]; context: object[]; includes: object[] };
    for (const row of [...json.rows, ...json.qualifiers, ...json.context, ...json.includes] as { source?: string; confidence?: string }[]) {
      expect(row.source?.length ?? 0).toBeGreaterThan(10);
      expect(['primary', 'secondary', 'unconfirmed']).toContain(row.confidence);
    }
  });
  it('the words the form detector also reads (rows) hold no qualifier or generic hint ("low", "initial", "sets")', () => {
    for (const row of (phrasesJson as { rows: { kind: string }[] }).rows) expect(['name', 'technique', 'activity', 'intent', 'equipment']).toContain(row.kind);
  });
  it('abbreviations matched only in capitals are short capitals', () => {
    for (const row of (phrasesJson as { rows: { exactCase?: string[] }[] }).rows) for (const a of row.exactCase ?? []) expect(a).toMatch(/^[A-Z][A-Za-z]{1,4}$/);
  });
});

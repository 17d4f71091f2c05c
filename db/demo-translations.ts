/**
 * Polish and Urdu text for the demo consultation (the officer's translations, as data), so the
 * citizen journey shows the content, not only the interface, in those languages. English and
 * Welsh are in demo-content.ts.
 */
type PlUr = { pl: string; ur: string };

export const DEMO_CONSULTATION_TEXT: { title: PlUr; summary: PlUr; briefing: PlUr; privacyNotice: PlUr } = {
  title: {
    pl: "Co jest dla Ciebie ważne w zintegrowanej opiece zdrowotnej i społecznej?",
    ur: "مربوط صحت اور سماجی دیکھ بھال میں آپ کے لیے کیا اہم ہے؟",
  },
  summary: {
    pl: "Partnerzy z ochrony zdrowia i opieki społecznej w południowym Nottinghamshire chcą płacić za opiekę według rezultatów, jakie przynosi. Powiedz nam, które rezultaty są dla Ciebie najważniejsze, aby mogły trafić do przyszłych umów.",
    ur: "جنوبی ناٹنگھم شائر میں صحت اور سماجی دیکھ بھال کے شراکت دار دیکھ بھال کے لیے اس کے حاصل کردہ نتائج کی بنیاد پر ادائیگی کرنا چاہتے ہیں۔ ہمیں بتائیں کہ کون سے نتائج آپ کے لیے سب سے اہم ہیں، تاکہ وہ مستقبل کے معاہدوں میں شامل ہو سکیں۔",
  },
  briefing: {
    pl: [
      "## Dlaczego pytamy",
      "Dwanaście organizacji ochrony zdrowia i opieki społecznej w południowym Nottinghamshire współpracuje jako South Nottinghamshire Transformation Partnership. Ich dokument *Case for Change* mówi, że usługi nie zawsze są równe i połączone, a płacenie za aktywność, np. liczbę wizyt, nie nagradza współpracy.",
      "## Co się zmienia",
      "Partnerzy chcą przejść na **zamawianie usług według rezultatów**: płacić za rezultaty ważne dla osób korzystających z usług, w umowach na kilka lat, z częścią płatności powiązaną z konkretnymi rezultatami.",
      "## Co ludzie mówili nam wcześniej",
      "W ankiecie wśród osób, które korzystały z połączonych usług w Norfolk, 92% zgodziło się, że profesjonaliści dobrze komunikowali się z nimi i ich rodzinami, ale tylko 76% zgodziło się, że ich opieka była dobrze skoordynowana, a 79%, że nie musieli powtarzać swojej historii.",
      "## Co zrobimy z Twoimi odpowiedziami",
      "Połączymy odpowiedzi wszystkich w listę rezultatów, uporządkowaną według tego, jak ważne są według ludzi. Zamawiający usługi wykorzystają ją, aby zdecydować, które rezultaty trafią do umów, a my opublikujemy, co powiedziano i co zrobiliśmy.",
    ].join("\n\n"),
    ur: [
      "## ہم کیوں پوچھ رہے ہیں",
      "جنوبی ناٹنگھم شائر میں صحت اور سماجی دیکھ بھال کے بارہ ادارے South Nottinghamshire Transformation Partnership کے طور پر مل کر کام کرتے ہیں۔ ان کا *Case for Change* کہتا ہے کہ سروسز ہمیشہ برابر یا مربوط نہیں ہوتیں، اور سرگرمی کے لیے ادائیگی، جیسے ملاقاتوں کی تعداد، مل کر کام کرنے کا صلہ نہیں دیتی۔",
      "## کیا بدل رہا ہے",
      "شراکت دار **نتائج کی بنیاد پر خریداری** کی طرف جانا چاہتے ہیں: ان نتائج کے لیے ادائیگی جو سروسز استعمال کرنے والوں کے لیے اہم ہیں، کئی سال کے معاہدوں کے ذریعے، جن میں کچھ ادائیگیاں مخصوص نتائج سے جڑی ہوں۔",
      "## لوگوں نے ہمیں پہلے کیا بتایا",
      "نارفوک میں مربوط سروسز حاصل کرنے والے لوگوں کے ایک سروے میں 92% نے اتفاق کیا کہ پیشہ ور افراد نے ان سے اور ان کے خاندانوں سے اچھی بات چیت کی، لیکن صرف 76% نے اتفاق کیا کہ ان کی دیکھ بھال اچھی طرح مربوط تھی، اور 79% نے کہا کہ انہیں اپنی کہانی دہرانی نہیں پڑی۔",
      "## ہم آپ کے جوابات کے ساتھ کیا کریں گے",
      "ہم سب کے جوابات کو نتائج کی ایک فہرست میں جمع کریں گے، اس ترتیب میں کہ لوگوں نے انہیں کتنا اہم کہا۔ کمشنر اسے یہ طے کرنے کے لیے استعمال کریں گے کہ کون سے نتائج معاہدوں میں جائیں، اور ہم شائع کریں گے کہ آپ نے کیا کہا اور ہم نے کیا کیا۔",
    ].join("\n\n"),
  },
  privacyNotice: {
    pl: "Udział jest dobrowolny. Przechowujemy odpowiedzi przez 2 lata od zamknięcia konsultacji, a potem tylko anonimowe sumy. Pytania o Ciebie są opcjonalne i przechowywane osobno od odpowiedzi. Nigdy nie publikujemy niczego, co mogłoby Cię zidentyfikować: grupy mniejsze niż 8 osób nie są pokazywane.",
    ur: "حصہ لینا رضاکارانہ ہے۔ ہم آپ کے جوابات مشاورت بند ہونے کے بعد 2 سال تک رکھتے ہیں، پھر صرف گمنام مجموعی اعداد رکھتے ہیں۔ آپ کے بارے میں سوالات اختیاری ہیں اور آپ کے جوابات سے الگ رکھے جاتے ہیں۔ ہم کبھی ایسی کوئی چیز شائع نہیں کرتے جس سے آپ کی شناخت ہو سکے: 8 سے کم لوگوں کے گروپ نہیں دکھائے جاتے۔",
  },
};

export const DEMO_DOMAIN_NAMES: Record<string, PlUr> = {
  "joined-up": { pl: "Połączona opieka", ur: "مربوط دیکھ بھال" },
  "centred-on-me": { pl: "Opieka skupiona na mnie", ur: "میرے گرد مرکوز دیکھ بھال" },
  independence: { pl: "Zdrowie i samodzielność", ur: "صحت مند اور خود مختار رہنا" },
  "fair-accountable": { pl: "Sprawiedliwe i odpowiedzialne usługi", ur: "منصفانہ اور جواب دہ سروسز" },
};

export const DEMO_OUTCOME_STATEMENTS: Record<string, PlUr> = {
  O1: { pl: "Swoją historię muszę opowiedzieć tylko raz", ur: "مجھے اپنی کہانی صرف ایک بار سنانی پڑتی ہے" },
  O2: { pl: "Profesjonaliści, którzy mnie wspierają, rozmawiają ze sobą", ur: "میری مدد کرنے والے پیشہ ور افراد آپس میں بات کرتے ہیں" },
  O3: { pl: "Moja opieka jest dobrze skoordynowana", ur: "میری دیکھ بھال اچھی طرح مربوط ہے" },
  O4: { pl: "Pracownicy przychodzą na wspólne wizyty zamiast osobnych", ur: "عملہ الگ الگ آنے کے بجائے مشترکہ ملاقاتوں کے لیے اکٹھا آتا ہے" },
  O5: { pl: "Przyjmują mnie osoby, które rozumieją moje potrzeby", ur: "مجھے وہ لوگ دیکھتے ہیں جو میری ضروریات سمجھتے ہیں" },
  O6: { pl: "Profesjonaliści jasno komunikują się ze mną i moją rodziną", ur: "پیشہ ور افراد مجھ سے اور میرے خاندان سے واضح بات کرتے ہیں" },
  O7: { pl: "Mam plan opieki i wsparcia, który pomagałem(-am) napisać", ur: "میرے پاس دیکھ بھال اور مدد کا ایک منصوبہ ہے جسے لکھنے میں میں نے مدد کی" },
  O8: { pl: "Mogę wybrać, na co wydawany jest mój budżet osobisty", ur: "میں چن سکتا/سکتی ہوں کہ میرا ذاتی بجٹ کیسے خرچ ہو" },
  O9: { pl: "Otrzymuję wsparcie, aby pozostać samodzielnym(-ą) w domu", ur: "مجھے گھر پر خود مختار رہنے کے لیے مدد ملتی ہے" },
  O10: { pl: "Otrzymuję pomoc wcześnie, zanim dojdzie do kryzysu", ur: "مجھے بحران سے پہلے، جلد مدد مل جاتی ہے" },
  O11: { pl: "Usługi są równie dobre, gdziekolwiek mieszkam", ur: "میں جہاں بھی رہوں سروسز یکساں اچھی ہیں" },
  O12: { pl: "Wiem, kto odpowiada za moją opiekę", ur: "مجھے معلوم ہے کہ میری دیکھ بھال کا ذمہ دار کون ہے" },
  O13: { pl: "Szybko otrzymuję pomoc, bez odsyłania między usługami", ur: "مجھے ایک سروس سے دوسری میں بھیجے بغیر جلد مدد ملتی ہے" },
};

/** Rating questions are written from the standard wording of each language (locales/<lng>/citizen.json, ratingWording). */
export const DEMO_QUESTION_TEXT = {
  propose: {
    pl: "Czy jest rezultat ważny dla Ciebie, który pominęliśmy?",
    ur: "کیا کوئی ایسا نتیجہ ہے جو آپ کے لیے اہم ہے اور ہم سے رہ گیا؟",
  },
  proposeHint: {
    pl: "Napisz własnymi słowami, na przykład „Mogę łatwo dotrzeć na wizyty”.",
    ur: "اپنے الفاظ میں لکھیں، مثلاً “میں آسانی سے اپنی ملاقاتوں تک پہنچ سکتا/سکتی ہوں”۔",
  },
};

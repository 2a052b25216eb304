// Names shared by the order pages.
export const orderKinds = [
  { value: 'stpo', label: 'Slavery and Trafficking Prevention Order' },
  { value: 'interim_stpo', label: 'Interim Slavery and Trafficking Prevention Order' },
  { value: 'stro', label: 'Slavery and Trafficking Risk Order' },
  { value: 'interim_stro', label: 'Interim Slavery and Trafficking Risk Order' },
];
export const applicants = [
  { value: 'police', label: 'Chief officer of police' },
  { value: 'nca', label: 'National Crime Agency' },
  { value: 'immigration_officer', label: 'Immigration officer' },
  { value: 'glaa', label: 'Gangmasters and Labour Abuse Authority' },
  { value: 'court_on_conviction', label: 'The court, on conviction (prevention orders only)' },
];
export const kindName = (k) => (orderKinds.find((o) => o.value === k) || {}).label || k;
export const applicantName = (a) => (applicants.find((o) => o.value === a) || {}).label || a;

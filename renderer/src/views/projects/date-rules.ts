/** The calendar day a date picker hands over (at the machine's midnight), as `YYYY-MM-DD`. */
export function pickerDay(day: Date): string {
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`
}

/** A picker's `disabled-date` for things that already happened: nothing after the company's today. */
export function afterToday(today: () => string): (day: Date) => boolean {
  return (day) => pickerDay(day) > today()
}

import { DefaultNamingStrategy, type NamingStrategyInterface } from 'typeorm'

const snake = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()

/** camelCase properties, snake_case columns: hand-written SQL (reports, benches) reads naturally on both dialects. */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override columnName(propertyName: string, customName: string | undefined, embeddedPrefixes: string[]): string {
    return customName ?? snake([...embeddedPrefixes, propertyName].join('_'))
  }
}

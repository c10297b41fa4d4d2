// Cosmos DB for NoSQL: one account, one database and the containers of the catalogue.
// Key auth is off; the app reaches data through Entra (data-plane role assignment below).

param accountName string
param location string

@description('Database name; must equal DATABASE_NAME in bot/src/store/catalogue.ts.')
param databaseName string

@allowed([
  'serverless'
  'autoscale'
])
param throughputMode string = 'serverless'

@minValue(1000)
param autoscaleMaxThroughput int = 1000

@allowed([
  'Continuous7Days'
  'Continuous30Days'
])
param backupTier string = 'Continuous7Days'

@description('Entra object ids that receive Cosmos DB Built-in Data Contributor on the whole account.')
param dataContributorPrincipalIds array

param tags object = {}

// The container catalogue, kept equal to CATALOGUE in bot/src/store/catalogue.ts: names,
// partition keys, default TTL (-1 = on, each item decides; absent = off) and index exclusions.
// tests/infra/bicep.test.ts reads this literal from the parse tree and compares it.
var containers = [
  {
    name: 'communities'
    partitionKey: '/communityId'
    defaultTtl: -1
    excludedPaths: [
      '/body/?'
      '/fields/*'
      '/content/*'
      '/searchText/?'
    ]
  }
  {
    name: 'directory'
    partitionKey: '/key'
    excludedPaths: []
  }
  {
    name: 'jobs'
    partitionKey: '/bucket'
    defaultTtl: -1
    excludedPaths: [
      '/payload/*'
    ]
  }
]

// Cosmos DB Built-in Data Contributor: read and write items, no control-plane rights.
var dataContributorRoleId = '00000000-0000-0000-0000-000000000002'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: throughputMode == 'serverless' ? [
      {
        name: 'EnableServerless'
      }
    ] : []
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: backupTier
      }
    }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    // Serverless accounts take no throughput; autoscale is shared by all containers.
    options: throughputMode == 'autoscale' ? {
      autoscaleSettings: {
        maxThroughput: autoscaleMaxThroughput
      }
    } : {}
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [for spec in containers: {
  parent: database
  name: spec.name
  properties: {
    resource: union({
      id: spec.name
      partitionKey: {
        paths: [
          spec.partitionKey
        ]
        kind: 'Hash'
        version: 2
      }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          {
            path: '/*'
          }
        ]
        excludedPaths: map(spec.excludedPaths, excluded => {
          path: excluded
        })
      }
    }, spec.?defaultTtl == null ? {} : {
      defaultTtl: spec.?defaultTtl
    })
    options: {}
  }
}]

resource dataContributors 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = [for principalId in dataContributorPrincipalIds: {
  parent: account
  name: guid(account.id, principalId, dataContributorRoleId)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleId}'
    principalId: principalId
    scope: account.id
  }
}]

output endpoint string = account.properties.documentEndpoint
output accountName string = account.name
output databaseName string = database.name
output containerNames array = [for spec in containers: spec.name]

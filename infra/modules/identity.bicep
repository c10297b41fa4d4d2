// The one identity of the app: App Service runs as it, the Azure Bot authenticates as it
// (msaAppType UserAssignedMSI) and Cosmos DB grants it data-plane access. No password exists.

@description('Name of the user-assigned managed identity.')
param name string

param location string
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output resourceId string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
output tenantId string = identity.properties.tenantId
